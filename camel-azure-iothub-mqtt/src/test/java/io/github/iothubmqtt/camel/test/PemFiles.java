package io.github.iothubmqtt.camel.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/** Writes certificates and keys as the PEM files Azure and OpenSSL hand users. */
public final class PemFiles {

    /** The DER header PKCS#8 puts before a 2048-bit RSA key's PKCS#1 structure: SEQUENCE, version, algorithm, OCTET STRING. */
    private static final int PKCS8_RSA_2048_HEADER = 26;

    private PemFiles() {
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    public static String certificate(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PKCS#8, as {@code openssl genpkey} writes it. */
    public static String pkcs8(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** RSA PKCS#1, as {@code openssl genrsa} of OpenSSL 1.x writes it. */
    public static String pkcs1(PrivateKey rsa2048) {
        byte[] pkcs8 = rsa2048.getEncoded();
        return pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, PKCS8_RSA_2048_HEADER, pkcs8.length));
    }

    public static Path write(Path directory, String name, String text) {
        try {
            return Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
