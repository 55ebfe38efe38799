package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.provisioning.device.AdditionalData;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderX509;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;

/**
 * Fidelity proof for the DPS endpoint: Microsoft's provisioning-device-client 2.1.3 registers (individual SAS, group
 * SAS, group X.509), then iot-device-client 2.5.0 connects with the assignment and sends telemetry. Both SDKs
 * hard-code port 8883, so the hub listens on 127.0.0.1:8883 and DPS on 127.0.0.2:8883, with a server certificate
 * naming both addresses. Run under the 8883 lock.
 */
class ProvisioningSdkConformanceTest extends EmulatorTest {

    private static final String DPS_HOST = "127.0.0.2";
    private static final String SCOPE = "0ne00C0FFEE";
    private static final String GROUP_KEY = DeviceRegistry.newKey();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static CertificateAuthority serverCa;
    private static CertificateAuthority deviceCa;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        serverCa = CertificateAuthority.create("conformance server CA");
        CertificateAuthority.Issued server = serverCa.issueServerCertificate(List.of("localhost"),
                List.of("127.0.0.1", DPS_HOST));
        Path chain = Files.writeString(dir.resolve("server.pem"), CertificateAuthority.pem(server.certificate()));
        Path key = Files.writeString(dir.resolve("server-key.pem"), CertificateAuthority.pem(server.privateKey()));
        deviceCa = CertificateAuthority.create("device CA");
        ObjectNode desired = new ObjectMapper().createObjectNode().put("targetTemperature", 21);
        hub = StandardPorts.start(IotHubEmulator.builder().hubHostName("127.0.0.1").gatewayHostName("127.0.0.1")
                .bindHost("127.0.0.1").webSocketPort(-1).httpPort(-1).serverCertificate(chain, key)
                .dpsPort(8883).dpsBindHost(DPS_HOST).idScope(SCOPE)
                .enrollment(Enrollment.individualSas("sdk-individual", DeviceRegistry.newKey(), DeviceRegistry.newKey())
                        .withDeviceId("sdk-thermostat").withInitialDesired(desired))
                .enrollment(Enrollment.groupSas("sdk-group", GROUP_KEY, DeviceRegistry.newKey()))
                .enrollment(Enrollment.groupX509("sdk-cameras", deviceCa.certificate())));
    }

    @Test
    void individualSasEnrollmentRegistersThenSendsTelemetry() throws Exception {
        String key = hub.provisioning().enrollments().individual("sdk-individual").orElseThrow().primaryKey();
        ProvisioningDeviceClientRegistrationResult result = register(symmetricKey("sdk-individual", key),
                "{\"modelId\":\"dtmi:com:example:Thermostat;1\"}");

        assertThat(result.getDeviceId()).isEqualTo("sdk-thermostat");
        assertThat(hub.service().twin(Identity.device("sdk-thermostat")).path("desired")
                .path("targetTemperature").asInt()).isEqualTo(21);
        sendTelemetry(result,
                "HostName=" + result.getIothubUri() + ";DeviceId=" + result.getDeviceId() + ";SharedAccessKey=" + key,
                serverCa.clientSslContext());
    }

    @Test
    void groupSasEnrollmentRegistersWithADerivedKey() throws Exception {
        String deviceKey = Provisioning.deriveDeviceKey(GROUP_KEY, "sdk-member-1");
        ProvisioningDeviceClientRegistrationResult result = register(symmetricKey("sdk-member-1", deviceKey), null);

        assertThat(result.getDeviceId()).isEqualTo("sdk-member-1");
        sendTelemetry(result, "HostName=" + result.getIothubUri() + ";DeviceId=" + result.getDeviceId() + ";SharedAccessKey="
                + deviceKey, serverCa.clientSslContext());
    }

    @Test
    void x509GroupEnrollmentRegistersACertificateItsCaSigned() throws Exception {
        CertificateAuthority.Issued device = deviceCa.issueClientCertificate("sdk-camera-1");
        ProvisioningDeviceClientRegistrationResult result = register(new X509(device), null);

        assertThat(result.getDeviceId()).isEqualTo("sdk-camera-1");
        sendTelemetry(result, "HostName=" + result.getIothubUri() + ";DeviceId=" + result.getDeviceId() + ";x509=true",
                device.clientSslContext(serverCa));
    }

    private static ProvisioningDeviceClientRegistrationResult register(SecurityProvider security, String payload)
            throws Exception {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create(DPS_HOST, SCOPE,
                ProvisioningDeviceClientTransportProtocol.MQTT, security);
        try {
            AdditionalData data = new AdditionalData();
            data.setProvisioningPayload(payload);
            ProvisioningDeviceClientRegistrationResult result = client.registerDeviceSync(data);
            assertThat(result.getProvisioningDeviceClientStatus())
                    .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
            assertThat(result.getIothubUri()).isEqualTo("127.0.0.1");
            return result;
        } finally {
            client.close();
        }
    }

    private static void sendTelemetry(ProvisioningDeviceClientRegistrationResult result, String connectionString,
            SSLContext ssl) throws Exception {
        DeviceClient client = new DeviceClient(connectionString, IotHubClientProtocol.MQTT,
                ClientOptions.builder().sslContext(ssl).build());
        try {
            client.open(true);
            client.sendEvent(new Message("provisioned".getBytes(StandardCharsets.UTF_8)));
            assertThat(hub.service().awaitTelemetry(Identity.device(result.getDeviceId()), 1, WAIT).get(0).bodyAsString())
                    .isEqualTo("provisioned");
        } finally {
            client.close();
        }
    }

    /** The SDK's symmetric-key provider, trusting the emulator's server CA instead of the JVM's trust store. */
    private static SecurityProvider symmetricKey(String registrationId, String key) {
        return new SecurityProviderSymmetricKey(key.getBytes(StandardCharsets.UTF_8), registrationId) {
            @Override
            public SSLContext getSSLContext() {
                return serverCa.clientSslContext();
            }
        };
    }

    /** The SDK's X.509 provider over a certificate of the device CA. */
    private static final class X509 extends SecurityProviderX509 {

        private final CertificateAuthority.Issued device;

        X509(CertificateAuthority.Issued device) {
            this.device = device;
        }

        @Override
        public String getClientCertificateCommonName() {
            return device.certificate().getSubjectX500Principal().getName().substring("CN=".length());
        }

        @Override
        public X509Certificate getClientCertificate() {
            return device.certificate();
        }

        @Override
        public Key getClientPrivateKey() {
            return device.privateKey();
        }

        @Override
        public Collection<X509Certificate> getIntermediateCertificatesChain() {
            return List.of();
        }

        @Override
        public SSLContext getSSLContext() {
            return device.clientSslContext(serverCa);
        }
    }
}
