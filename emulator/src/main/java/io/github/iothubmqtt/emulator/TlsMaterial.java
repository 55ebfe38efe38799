package io.github.iothubmqtt.emulator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The server side of TLS: the certificate the listeners present and the PEM file clients must trust. Either made at
 * start-up by a fresh {@link CertificateAuthority} or read from files the user supplies.
 */
final class TlsMaterial {

    /** Lazily made on first use (holder idiom). */
    private static final class GeneratedCa {
        static final GeneratedCa INSTANCE = new GeneratedCa();
        final CertificateAuthority authority = CertificateAuthority.create("IoT Hub Emulator CA");
        final CertificateAuthority.Issued server = authority.issueServerCertificate(List.of("localhost"),
                List.of("127.0.0.1"));
    }

    private final KeyCertOptions serverKeyCert;
    private final Path trustPem;
    private final CertificateAuthority authority;

    private TlsMaterial(KeyCertOptions serverKeyCert, Path trustPem, CertificateAuthority authority) {
        this.serverKeyCert = serverKeyCert;
        this.trustPem = trustPem;
        this.authority = authority;
    }

    /**
     * Generated material, made once per process: RSA key generation takes a noticeable part of a second on small
     * machines, and every emulator of a test run can share one throw-away CA (clients then trust one PEM).
     */
    static TlsMaterial generate(Path caOut) {
        GeneratedCa generated = GeneratedCa.INSTANCE;
        CertificateAuthority ca = generated.authority;
        CertificateAuthority.Issued server = generated.server;
        PemKeyCertOptions options = new PemKeyCertOptions()
                .setKeyValue(Buffer.buffer(CertificateAuthority.pem(server.privateKey())))
                .setCertValue(Buffer.buffer(CertificateAuthority.pem(server.certificate())
                        + CertificateAuthority.pem(ca.certificate())));
        ca.writeCertificatePem(caOut);
        return new TlsMaterial(options, caOut.toAbsolutePath(), ca);
    }

    /** The user's own server certificate chain and key (PEM); the chain file is what clients trust. */
    static TlsMaterial fromFiles(Path certificateChainPem, Path privateKeyPem) {
        PemKeyCertOptions options = new PemKeyCertOptions()
                .setCertPath(certificateChainPem.toString())
                .setKeyPath(privateKeyPem.toString());
        return new TlsMaterial(options, certificateChainPem.toAbsolutePath(), null);
    }

    KeyCertOptions serverKeyCert() {
        return serverKeyCert;
    }

    Path trustPem() {
        return trustPem;
    }

    /** The generated CA, or null when the user supplied the server certificate. */
    CertificateAuthority authority() {
        return authority;
    }

    KeyStore trustStore() {
        if (authority != null) {
            return authority.trustStore();
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(trustPem)))) {
                store.setCertificateEntry("trusted-" + i++, certificate);
            }
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read certificates from " + trustPem, e);
        }
    }
}
