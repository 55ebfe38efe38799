package io.github.iothubmqtt.camel.test;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;

import io.github.iothubmqtt.emulator.CertificateAuthority;

/** The key managers of a test hub: a certificate for {@code localhost} and these IP addresses, with its CA. */
public final class ServerKeys {

    private ServerKeys() {
    }

    public static KeyManagerFactory forLocalhost(CertificateAuthority authority, List<String> ipAddresses)
            throws GeneralSecurityException, IOException {
        CertificateAuthority.Issued certificate = authority.issueServerCertificate(List.of("localhost"), ipAddresses);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("hub", certificate.privateKey(), new char[0],
                new X509Certificate[] {certificate.certificate(), authority.certificate()});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        return keyManagers;
    }
}
