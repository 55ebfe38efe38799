package io.github.iothubmqtt.camel.quarkus.tls;

import java.util.Arrays;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

import io.quarkus.tls.TlsConfiguration;
import io.vertx.core.Vertx;

/**
 * Camel TLS settings made from a configuration of the Quarkus TLS registry: its trust managers and key managers,
 * built by the registry from any of its store types (PEM, PKCS#12, JKS), so no store password passes through here.
 */
final class TlsRegistryParameters {

    private TlsRegistryParameters() {
    }

    static SSLContextParameters of(TlsConfiguration tls, Vertx vertx) {
        String name = tls.getName();
        SSLContextParameters parameters = new SSLContextParameters();
        try {
            if (tls.getTrustStoreOptions() != null) {
                TrustManager[] trustManagers = tls.getTrustStoreOptions().getTrustManagerFactory(vertx).getTrustManagers();
                TrustManagersParameters trust = new TrustManagersParameters();
                trust.setTrustManager(Arrays.stream(trustManagers).filter(X509TrustManager.class::isInstance).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no X.509 trust manager")));
                parameters.setTrustManagers(trust);
            }
            if (tls.getKeyStoreOptions() != null) {
                parameters.setKeyManagers(
                        new FixedKeyManagers(tls.getKeyStoreOptions().getKeyManagerFactory(vertx).getKeyManagers()));
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("the TLS configuration " + name + " (quarkus.tls." + name
                    + ".*) cannot make the hub's TLS: " + e.getMessage(), e);
        }
        return parameters;
    }

    /** Key managers the registry made; Camel's parameters would otherwise load a key store themselves. */
    private static final class FixedKeyManagers extends KeyManagersParameters {

        private final KeyManager[] keyManagers;

        FixedKeyManagers(KeyManager[] keyManagers) {
            this.keyManagers = keyManagers.clone();
        }

        @Override
        public KeyManager[] createKeyManagers() {
            return keyManagers.clone();
        }
    }
}
