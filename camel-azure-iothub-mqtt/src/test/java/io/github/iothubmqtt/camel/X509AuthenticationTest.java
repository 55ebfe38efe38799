package io.github.iothubmqtt.camel;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.UUID;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.github.iothubmqtt.emulator.RegisteredIdentity;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.emulator.Thumbprints;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class X509AuthenticationTest extends EmulatorTestSupport {

    private static final String PASSWORD = "changeit";

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqtt-ws"})
    void sendsTelemetryAuthenticatedByAClientCertificate(String transport) throws Exception {
        Identity device = Identity.device("x509-" + UUID.randomUUID().toString().substring(0, 8));
        CertificateAuthority.Issued certificate = hub.certificateAuthority().issueClientCertificate(device.deviceId());
        hub.registry().add(RegisteredIdentity.withThumbprints(device, Thumbprints.sha1(certificate.certificate()), null));
        context.getRegistry().bind("deviceCertificate", sslContextWith(certificate, hub.trustStore()));

        int port = transport.equals("mqtt") ? hub.mqttPort() : hub.webSocketPort();
        template.sendBody("iothub-mqtt:telemetry?connectionString=RAW(" + hub.connectionString(device) + ")&transport="
                + transport + "&port=" + port + "&sslContextParameters=#deviceCertificate", "signed by certificate");

        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("signed by certificate");
    }

    /** TLS settings that present the certificate and trust the CA of {@code trust}. */
    static SSLContextParameters sslContextWith(CertificateAuthority.Issued certificate, KeyStore trust) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", certificate.privateKey(), PASSWORD.toCharArray(),
                new X509Certificate[] {certificate.certificate()});
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(keys);
        keyStore.setPassword(PASSWORD);
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(PASSWORD);

        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keyManagers);
        tls.setTrustManagers(Trust.trustManagers(trust));
        return tls;
    }
}
