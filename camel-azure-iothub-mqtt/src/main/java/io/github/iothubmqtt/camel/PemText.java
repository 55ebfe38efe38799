package io.github.iothubmqtt.camel;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text as Azure, OpenSSL and the Azure CLI write it: certificates, and an unencrypted private key in PKCS#8
 * ({@code BEGIN PRIVATE KEY}, RSA or EC) or RSA PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). No I/O; {@code source} names
 * the text in messages. Messages never quote the text: it may hold a private key.
 */
final class PemText {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PKCS8 = "PRIVATE KEY";
    private static final String PKCS1_RSA = "RSA PRIVATE KEY";
    private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem";
    /** PKCS#8's AlgorithmIdentifier for rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, DER. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private record Block(String type, byte[] der) {
    }

    private PemText() {
    }

    /** The certificates of the text, in order; at least one. */
    static List<X509Certificate> certificates(String text, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(text, source)) {
            if (block.type.equals(CERTIFICATE)) {
                certificates.add(certificate(block.der, source));
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /** Whether the text holds a private key block of any kind. */
    static boolean hasPrivateKey(String text) {
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1).endsWith(PKCS8)) {
                return true;
            }
        }
        return false;
    }

    /** The one private key of the text. */
    static PrivateKey privateKey(String text, String source) {
        List<Block> keys = blocks(text, source).stream().filter(b -> b.type.endsWith(PKCS8)).toList();
        if (keys.size() != 1) {
            throw new IllegalArgumentException(source + " must hold exactly one PEM private key, holds " + keys.size());
        }
        Block key = keys.get(0);
        return switch (key.type) {
            case PKCS8 -> pkcs8(key.der, source);
            case PKCS1_RSA -> pkcs8(rsaPkcs1ToPkcs8(key.der), source);
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(source + " holds an encrypted private key,"
                    + " which is not supported: " + TO_PKCS8 + " and protect the file instead");
            default -> throw new IllegalArgumentException(source + " holds a " + key.type + ", which is not supported: "
                    + TO_PKCS8);
        };
    }

    private static List<Block> blocks(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher matcher = BLOCK.matcher(text);
        while (matcher.find()) {
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": a " + matcher.group(1) + " block is not valid base64");
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException(source + " is not PEM: it has no -----BEGIN ...----- / -----END ...----- block");
        }
        return blocks;
    }

    private static X509Certificate certificate(byte[] der, String source) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalArgumentException(source + " holds a CERTIFICATE block that is not an X.509 certificate: "
                    + e.getMessage(), e);
        }
    }

    /** Tries the key types IoT Hub accepts for client certificates; no cause is kept, as it could describe the key. */
    private static PrivateKey pkcs8(byte[] der, String source) {
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisType) {
                // the next type
            }
        }
        throw new IllegalArgumentException(source + " holds a private key that is neither RSA nor EC PKCS#8");
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } } */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] octets = tagged(0x04, pkcs1);
        return tagged(0x30, concat(VERSION_0, RSA_ALGORITHM, octets));
    }

    /** A DER tag, its definite length (short or long form) and the content. */
    private static byte[] tagged(int tag, byte[] content) {
        int length = content.length;
        byte[] lengthBytes;
        if (length < 0x80) {
            lengthBytes = new byte[] {(byte) length};
        } else {
            int size = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            lengthBytes = new byte[size + 1];
            lengthBytes[0] = (byte) (0x80 | size);
            for (int i = 0; i < size; i++) {
                lengthBytes[size - i] = (byte) (length >>> (8 * i));
            }
        }
        return concat(new byte[] {(byte) tag}, lengthBytes, content);
    }

    private static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
