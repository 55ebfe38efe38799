package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;
import io.github.iothubmqtt.protocol.ProvisioningMessages;

/** The DPS endpoint's rules, seen by a raw Paho client: the flow, its errors, X.509 by thumbprint, the enrollments file. */
class ProvisioningTest extends EmulatorTest {

    private static final String SCOPE = "0ne00ABCDEF";
    private static final String KEY = DeviceRegistry.newKey();
    private static final String GROUP_KEY = DeviceRegistry.newKey();

    /** What a registration or poll got back: the parsed topic and the body. */
    record Answer(Provisioning.Response response, ProvisioningMessages.Operation operation) {
    }

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("enrollments.json"), """
                {"enrollments": [
                  {"registrationId": "raw-1", "deviceId": "raw-device",
                   "attestation": {"symmetricKey": {"primaryKey": "%s"}},
                   "initialTwin": {"properties": {"desired": {"interval": 5}}}},
                  {"enrollmentGroupId": "raw-group", "attestation": {"symmetricKey": {"primaryKey": "%s"}}}
                ]}""".formatted(KEY, GROUP_KEY));
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).dpsPort(0).idScope(SCOPE)
                .enrollmentsFile(file).start();
    }

    @Test
    void registrationAnswers202WithRetryAfterThenThePollAssignsAndCreatesTheDevice() throws Exception {
        try (Registrar device = Registrar.sas("raw-1", KEY)) {
            long sent = System.nanoTime();
            Answer accepted = device.send(Provisioning.registerTopic("1"), ProvisioningMessages.request("raw-1", null, null));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("the answer comes after the service's round trip")
                    .isGreaterThanOrEqualTo(DpsConnection.ANSWER_DELAY);
            assertThat(accepted.response()).isEqualTo(new Provisioning.Response(202, "1", 1));
            assertThat(accepted.operation().status()).isEqualTo("assigning");

            Answer assigned = device.send(Provisioning.pollTopic("2", accepted.operation().operationId()), new byte[0]);
            assertThat(assigned.response().status()).isEqualTo(200);
            assertThat(assigned.operation().isAssigned()).isTrue();
            assertThat(assigned.operation().assignedHub()).isEqualTo(hub.hubHostName());
            assertThat(assigned.operation().deviceId()).isEqualTo("raw-device");
        }
        Identity created = Identity.device("raw-device");
        assertThat(hub.registry().get(created).primaryKey()).isEqualTo(KEY);
        assertThat(hub.service().twin(created).path("desired").path("interval").asInt()).isEqualTo(5);
    }

    @Test
    void groupMembersGetTheirDerivedKey() throws Exception {
        String derived = Provisioning.deriveDeviceKey(GROUP_KEY, "raw-member");
        try (Registrar device = Registrar.sas("raw-member", derived)) {
            assertThat(device.registerAndPoll().deviceId()).isEqualTo("raw-member");
        }
        assertThat(hub.registry().get(Identity.device("raw-member")).primaryKey()).isEqualTo(derived);
    }

    @Test
    void badCredentialsAre401AndUnknownRegistrations404() throws Exception {
        try (Registrar device = Registrar.sas("raw-1", GROUP_KEY)) {
            Answer refused = device.send(Provisioning.registerTopic("1"), ProvisioningMessages.request("raw-1", null, null));
            assertThat(refused.response().status()).isEqualTo(401);
            assertThat(refused.operation().errorCode()).isEqualTo(401002L);
        }
        try (Registrar device = Registrar.sas("raw-stranger", KEY)) {
            Answer refused = device.send(Provisioning.registerTopic("1"),
                    ProvisioningMessages.request("raw-stranger", null, null));
            assertThat(refused.response().status()).isEqualTo(404);
            assertThat(refused.operation().errorCode()).isEqualTo(404201L);
            assertThat(device.send(Provisioning.pollTopic("2", "4.no.such"), new byte[0]).response().status()).isEqualTo(404);
            Answer mismatch = device.send(Provisioning.registerTopic("3"), ProvisioningMessages.request("raw-1", null, null));
            assertThat(mismatch.response().status()).isEqualTo(400);
        }
        assertThat(hub.registry().find(Identity.device("raw-stranger"))).isEmpty();
    }

    @Test
    void throttlingIsAFaultAnswered429WithRetryAfter() throws Exception {
        hub.service().faults().throttleProvisioning(1);
        try (Registrar device = Registrar.sas("raw-member-2", Provisioning.deriveDeviceKey(GROUP_KEY, "raw-member-2"))) {
            Answer throttled = device.send(Provisioning.registerTopic("1"),
                    ProvisioningMessages.request("raw-member-2", null, null));
            assertThat(throttled.response()).isEqualTo(new Provisioning.Response(429, "1", 1));
            assertThat(device.registerAndPoll().isAssigned()).isTrue();
        } finally {
            hub.service().faults().throttleProvisioning(0);
        }
    }

    @Test
    void individualX509EnrollmentsMatchTheThumbprint() throws Exception {
        CertificateAuthority.Issued certificate = hub.certificateAuthority().issueClientCertificate("raw-camera");
        hub.provisioning().enrollments()
                .add(Enrollment.individualX509("raw-camera", Thumbprints.sha1(certificate.certificate())));
        CertificateAuthority.Issued stranger = hub.certificateAuthority().issueClientCertificate("raw-camera");

        try (Registrar device = Registrar.x509("raw-camera", certificate)) {
            assertThat(device.registerAndPoll().deviceId()).isEqualTo("raw-camera");
        }
        assertThat(hub.registry().get(Identity.device("raw-camera")).acceptsCertificate(certificate.certificate())).isTrue();
        try (Registrar device = Registrar.x509("raw-camera", stranger)) {
            assertThat(device.send(Provisioning.registerTopic("1"), ProvisioningMessages.request("raw-camera", null, null))
                    .response().status()).isEqualTo(401);
        }
    }

    @Test
    void aConnectOfAnotherScopeOrAnUndocumentedTopicIsRefused() throws Exception {
        MqttClient client = new MqttClient("ssl://localhost:" + hub.dpsPort(), "raw-1", new MemoryPersistence());
        MqttConnectOptions options = Registrar.options("raw-1");
        options.setUserName(Provisioning.username("0ne00OTHER", "raw-1", Provisioning.DEFAULT_API_VERSION));
        options.setPassword(
                Provisioning.token("0ne00OTHER", "raw-1", KEY, Instant.now().plusSeconds(60).getEpochSecond()).toCharArray());
        assertThatThrownBy(() -> client.connect(options)).isInstanceOfSatisfying(MqttException.class,
                e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        client.close();

        try (Registrar device = Registrar.sas("raw-1", KEY)) {
            assertThatThrownBy(() -> device.client.subscribe("devices/raw-1/messages/devicebound/#", 1))
                    .isInstanceOf(MqttException.class);
        }
    }

    @Test
    void enrollmentsFileErrorsNameTheEntry(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"enrollments\": [{\"registrationId\": \"a\"}]}");
        assertThatThrownBy(() -> EnrollmentsFile.load(bad)).hasMessageContaining("enrollment 1: attestation needs");
        Path both = Files.writeString(dir.resolve("both.json"),
                "[{\"registrationId\": \"a\", \"enrollmentGroupId\": \"g\", \"attestation\": {\"symmetricKey\": {\"primaryKey\": \"k\"}}}]");
        assertThatThrownBy(() -> EnrollmentsFile.load(both)).hasMessageContaining("either registrationId");
        assertThat(Enrollment.groupSas("g", KEY, null).toString()).doesNotContain(KEY);
    }

    /** A device connected to the DPS endpoint, subscribed to its answers. */
    private static final class Registrar implements AutoCloseable {

        final MqttClient client;
        final String registrationId;
        final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();

        private Registrar(String registrationId, MqttConnectOptions options) throws MqttException {
            this.registrationId = registrationId;
            client = new MqttClient("ssl://localhost:" + hub.dpsPort(), registrationId, new MemoryPersistence());
            client.connect(options);
            client.setTimeToWait(PahoDevice.WAIT.toMillis());
            client.subscribe(Provisioning.RESPONSE_FILTER, 1, (topic, message) -> answers.add(new Answer(
                    Provisioning.parseResponse(topic), ProvisioningMessages.parseOperation(message.getPayload()))));
        }

        static Registrar sas(String registrationId, String key) throws MqttException {
            MqttConnectOptions options = options(registrationId);
            options.setUserName(Provisioning.username(SCOPE, registrationId, Provisioning.DEFAULT_API_VERSION));
            options.setPassword(Provisioning.token(SCOPE, registrationId, key, Instant.now().plusSeconds(600).getEpochSecond())
                    .toCharArray());
            return new Registrar(registrationId, options);
        }

        static Registrar x509(String registrationId, CertificateAuthority.Issued certificate) throws MqttException {
            MqttConnectOptions options = options(registrationId);
            options.setSocketFactory(certificate.clientSslContext(hub.certificateAuthority()).getSocketFactory());
            return new Registrar(registrationId, options);
        }

        static MqttConnectOptions options(String registrationId) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setSocketFactory(hub.clientSslContext().getSocketFactory());
            return options;
        }

        Answer send(String topic, byte[] body) throws Exception {
            client.publish(topic, new MqttMessage(body));
            Answer answer = answers.poll(PahoDevice.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(answer).as("answer to " + topic).isNotNull();
            return answer;
        }

        ProvisioningMessages.Operation registerAndPoll() throws Exception {
            Answer accepted = send(Provisioning.registerTopic("r"), ProvisioningMessages.request(registrationId, null, null));
            assertThat(accepted.response().status()).isEqualTo(202);
            Answer assigned = send(Provisioning.pollTopic("p", accepted.operation().operationId()), new byte[0]);
            assertThat(assigned.response().status()).isEqualTo(200);
            return assigned.operation();
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        }
    }
}
