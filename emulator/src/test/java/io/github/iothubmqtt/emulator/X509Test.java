package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.Identity;

/** X.509 authentication: the client certificate's thumbprint, over TLS and over WebSocket. */
class X509Test extends EmulatorTest {

    private static final Identity DEVICE = Identity.device("x509-device");
    private static CertificateAuthority.Issued certificate;

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().device("sas-device").start();
        certificate = hub.certificateAuthority().issueClientCertificate(DEVICE.deviceId());
        hub.registry().add(RegisteredIdentity.withThumbprints(DEVICE, Thumbprints.sha1(certificate.certificate()),
                null));
    }

    private static PahoDevice connect(String uri, CertificateAuthority.Issued presented) throws MqttException {
        return PahoDevice.connect(uri, hub, DEVICE, options -> {
            options.setSocketFactory(presented.clientSslContext(hub.certificateAuthority()).getSocketFactory());
        });
    }

    @Test
    void aRegisteredCertificateIsAcceptedOverTls() throws Exception {
        try (PahoDevice device = connect(PahoDevice.tlsUri(hub), certificate)) {
            device.client.publish("devices/x509-device/messages/events/", new byte[] {1}, 1, false);
            assertThat(hub.service().awaitTelemetry(DEVICE, 1, PahoDevice.WAIT).get(0).systemProperties()
                    .get("iothub-connection-auth-method")).contains("\"type\":\"x509\"");
        }
    }

    @Test
    void aRegisteredCertificateIsAcceptedOverWebSocket() throws Exception {
        String uri = "wss://localhost:" + hub.webSocketPort() + "/$iothub/websocket";
        try (PahoDevice device = connect(uri, certificate)) {
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void theSha256ThumbprintWorksToo() throws Exception {
        Identity identity = Identity.device("sha256-device");
        CertificateAuthority.Issued issued = hub.certificateAuthority().issueClientCertificate(identity.deviceId());
        hub.registry().add(RegisteredIdentity.withThumbprints(identity, null,
                Thumbprints.sha256(issued.certificate()).toLowerCase()));
        try (PahoDevice device = PahoDevice.connect(PahoDevice.tlsUri(hub), hub, identity, options -> {
            options.setSocketFactory(issued.clientSslContext(hub.certificateAuthority()).getSocketFactory());
        })) {
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void anotherCertificateIsRefusedWithConnack5() {
        CertificateAuthority.Issued stranger = hub.certificateAuthority().issueClientCertificate(DEVICE.deviceId());
        assertThatThrownBy(() -> connect(PahoDevice.tlsUri(hub), stranger))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void noPasswordAndNoCertificateIsRefusedWithConnack5() {
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }
}
