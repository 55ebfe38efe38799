package io.github.iothubmqtt.emulator;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The certificate a TLS client presented, if it presented one. */
final class PeerCertificates {

    private PeerCertificates() {
    }

    static X509Certificate clientCertificate(SSLSession session) {
        try {
            Certificate[] chain = session == null ? null : session.getPeerCertificates();
            return chain == null || chain.length == 0 ? null : (X509Certificate) chain[0];
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
