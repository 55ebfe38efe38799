package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recognises TLS settings that check nothing, so the component can say so when it starts: with a trust manager that
 * accepts any certificate, anyone in the path can pose as the hub and read every message and SAS token. Host names
 * are always verified (Paho's default, which the component never turns off), so only trust needs this check.
 */
final class TrustAllCheck {

    private static final Logger LOG = LoggerFactory.getLogger(TrustAllCheck.class);

    private TrustAllCheck() {
    }

    /** Logs a WARN naming the risk when the parameters trust any certificate; once per bean, when it is first used. */
    static void warnIfTrustingAny(SSLContextParameters parameters) {
        if (trustsAnyCertificate(parameters)) {
            LOG.warn("An sslContextParameters of iothub-mqtt trusts any server certificate: anyone in the network path"
                    + " can pose as IoT Hub and read every message and SAS token. Use it for tests only; in production"
                    + " give it the hub's CA, or none for the JVM's trust store");
        }
    }

    /**
     * Whether a trust manager of the parameters accepts an empty certificate chain: a manager that checks anything
     * refuses it (the JDK's throws), one that trusts all (Camel's {@code TrustAllTrustManager}, or a hand-written
     * accept-all) does not.
     */
    static boolean trustsAnyCertificate(SSLContextParameters parameters) {
        TrustManagersParameters trust = parameters.getTrustManagers();
        if (trust == null) {
            return false; // the JVM's trust store
        }
        try {
            for (TrustManager manager : trust.createTrustManagers()) {
                if (manager instanceof X509TrustManager x509 && acceptsEmptyChain(x509)) {
                    return true;
                }
            }
        } catch (GeneralSecurityException | IOException e) {
            return false; // making the TLS context fails with this error, and says so
        }
        return false;
    }

    private static boolean acceptsEmptyChain(X509TrustManager manager) {
        try {
            manager.checkServerTrusted(new X509Certificate[0], "RSA");
            return true;
        } catch (CertificateException | IllegalArgumentException refused) {
            return false;
        }
    }
}
