package io.github.iothubmqtt.benchmarks;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the emulator's CA, for the raw Paho baseline and for an emulator in another process. */
final class Trust {

    private Trust() {
    }

    static SSLContext trusting(Path caPem) throws Exception {
        return trusting(caPem, "TLSv1.2");
    }

    /**
     * @param protocol what {@link SSLContext#getInstance} takes: {@code TLS} gives the JDK's default, TLS 1.3, as
     *                 the component's {@code sslContextParameters} do; the handshake, a fleet's main connect cost,
     *                 differs between the versions
     */
    static SSLContext trusting(Path caPem, String protocol) throws Exception {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore(caPem));
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A key store holding only the CA certificate of the PEM file. */
    static KeyStore trustStore(Path caPem) throws Exception {
        KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
        trustStore.load(null, null);
        try (InputStream pem = Files.newInputStream(caPem)) {
            trustStore.setCertificateEntry("emulator-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        return trustStore;
    }
}
