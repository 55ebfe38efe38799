package io.github.iothubmqtt.emulator;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** X.509 thumbprints as IoT Hub's registry stores them: SHA-1 (40 hex digits) or SHA-256 (64), any case. */
public final class Thumbprints {

    private Thumbprints() {
    }

    public static String sha1(X509Certificate certificate) {
        return digest("SHA-1", certificate);
    }

    public static String sha256(X509Certificate certificate) {
        return digest("SHA-256", certificate);
    }

    static boolean matches(X509Certificate certificate, String thumbprint) {
        return thumbprint != null
                && (thumbprint.equalsIgnoreCase(sha1(certificate)) || thumbprint.equalsIgnoreCase(sha256(certificate)));
    }

    private static String digest(String algorithm, X509Certificate certificate) {
        try {
            return HexFormat.of().withUpperCase()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
