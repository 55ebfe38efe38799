package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;

import javax.net.ssl.X509TrustManager;

/**
 * Lets any client certificate through the TLS handshake (the hub requests one but does not require it); whether
 * it is acceptable is decided at CONNECT by its thumbprint, as IoT Hub does for self-signed device certificates.
 * An empty issuer list lets clients offer whatever certificate they have.
 */
final class AnyClientCertificate implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // accepted here; checked against the registry at CONNECT
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("server side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
