package io.github.iothubmqtt.camel;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;

import io.github.iothubmqtt.camel.test.PemFiles;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The PEM text users have: what is read, and what is refused with a message that never quotes the text. */
class PemTextTest {

    private static CertificateAuthority ca;
    private static CertificateAuthority.Issued device;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("pem test CA");
        device = ca.issueClientCertificate("pem-device");
    }

    @Test
    void readsAChainInOrderAndIgnoresTextAroundTheBlocks() {
        String chain = "Bag Attributes: friendlyName=device\n" + PemFiles.certificate(device.certificate())
                + "subject=CN = pem test CA\r\n" + PemFiles.certificate(ca.certificate()).replace("\n", "\r\n");

        assertThat(PemText.certificates(chain, "chain.pem")).containsExactly(device.certificate(), ca.certificate());
        assertThat(PemText.hasPrivateKey(chain)).isFalse();
    }

    @Test
    void readsPkcs8AndRsaPkcs1KeysAndEcKeys() throws Exception {
        PrivateKey rsa = device.privateKey();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecKeys = ec.generateKeyPair();

        assertThat(PemText.privateKey(PemFiles.pkcs8(rsa), "rsa.key")).isEqualTo(rsa);
        assertThat(PemText.privateKey(PemFiles.pkcs1(rsa), "rsa-pkcs1.key")).isEqualTo(rsa);
        assertThat(PemText.privateKey(PemFiles.pkcs8(ecKeys.getPrivate()), "ec.key")).isEqualTo(ecKeys.getPrivate());
        assertThat(PemText.hasPrivateKey(PemFiles.certificate(device.certificate()) + PemFiles.pkcs1(rsa))).isTrue();
    }

    @Test
    void refusalsNameTheSourceAndNeverTheKey() {
        String key = PemFiles.pkcs8(device.privateKey());
        String keyLine = key.lines().skip(1).findFirst().orElseThrow();

        assertThatThrownBy(() -> PemText.privateKey(key + key, "two.key"))
                .hasMessage("two.key must hold exactly one PEM private key, holds 2");
        assertThatThrownBy(() -> PemText.privateKey(key.replace(keyLine, keyLine.substring(8)), "cut.key"))
                .hasMessageStartingWith("cut.key holds a private key that is neither RSA nor EC PKCS#8")
                .hasMessageNotContaining(keyLine.substring(8, 40)).hasNoCause();
        assertThatThrownBy(() -> PemText.privateKey(key.replace(keyLine, keyLine.replace('A', '*')), "bad.key"))
                .hasMessageStartingWith("bad.key is not PEM");
        assertThatThrownBy(() -> PemText.certificates(key, "key-only.pem"))
                .hasMessage("key-only.pem holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        assertThatThrownBy(() -> PemText.certificates("MIIB...", "der.cer")).hasMessageStartingWith("der.cer is not PEM");
        assertThatThrownBy(() -> PemText.certificates(PemFiles.pem("CERTIFICATE", new byte[] {1, 2, 3}), "junk.pem"))
                .hasMessageStartingWith("junk.pem holds a CERTIFICATE block that is not an X.509 certificate");
    }
}
