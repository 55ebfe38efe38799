package io.github.iothubmqtt.camel.test;

import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** TLS trust for Camel applications in child JVMs: the hub's CA from a PKCS12 file the test wrote. */
public final class TrustStores {

    private TrustStores() {
    }

    public static SSLContextParameters sslContextParameters(String path, String password) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + path);
        store.setPassword(password);
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        return tls;
    }
}
