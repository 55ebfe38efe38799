package io.github.iothubmqtt.camel.quarkus.it;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;

/** The TLS trust for the hub, from a PKCS#12 trust store named in the configuration (the emulator's CA in tests). */
@ApplicationScoped
public class HubTrust {

    @Produces
    @Named("hubTrust")
    SSLContextParameters hubTrust(
            @ConfigProperty(name = "hub.trust-store.path") String path,
            @ConfigProperty(name = "hub.trust-store.password") String password) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + path);
        trustStore.setType("PKCS12");
        trustStore.setPassword(password);
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        return tls;
    }
}
