package io.github.iothubmqtt.camel.test;

import java.security.KeyStore;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** Camel TLS settings that trust a test hub's certificate authority, as a user's {@code sslContextParameters} bean. */
public final class Trust {

    private Trust() {
    }

    public static SSLContextParameters trusting(KeyStore authority) {
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers(authority));
        return tls;
    }

    public static TrustManagersParameters trustManagers(KeyStore authority) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(authority);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        return trust;
    }
}
