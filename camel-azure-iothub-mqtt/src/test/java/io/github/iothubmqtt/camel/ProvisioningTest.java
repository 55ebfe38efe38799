package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.HttpConnectProxy;
import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.github.iothubmqtt.emulator.DeviceRegistry;
import io.github.iothubmqtt.emulator.Enrollment;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;

/** Devices provisioned through the emulator's DPS: group and individual keys, the assignment file, errors, re-registration. */
class ProvisioningTest extends CamelTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SCOPE = "0ne00CAMEL";
    private static final String GROUP_KEY = DeviceRegistry.newKey();
    private static final String INDIVIDUAL_KEY = DeviceRegistry.newKey();
    private static final CertificateAuthority DEVICE_CA = CertificateAuthority.create("camel device CA");
    private static IotHubEmulator hub;

    @TempDir
    Path directory;

    @BeforeAll
    static void startEmulator() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).dpsPort(0).bindHost("127.0.0.1")
                .idScope(SCOPE)
                .enrollment(Enrollment.groupSas("camel-group", GROUP_KEY, null))
                .enrollment(Enrollment.individualSas("camel-individual", INDIVIDUAL_KEY, null))
                .enrollment(Enrollment.groupX509("camel-cameras", DEVICE_CA.certificate()))
                .start();
    }

    @AfterAll
    static void stopEmulator() {
        hub.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("hubTls", Trust.trusting(hub.trustStore()));
    }

    /** Options of a device provisioned through the emulator's DPS; the hub is reached at localhost. */
    private static String options(String registrationId, String credentials) {
        return "idScope=" + SCOPE + "&registrationId=" + registrationId + "&" + credentials
                + "&provisioningHost=localhost&provisioningPort=" + hub.dpsPort() + "&gatewayHostName=localhost&port="
                + hub.mqttPort() + "&sslContextParameters=#hubTls";
    }

    private static String newRegistration() {
        return "camel-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGroupMemberRegistersWithItsPayloadThenSendsTelemetryToTheAssignedHub() throws Exception {
        String registrationId = newRegistration();
        Path assignment = directory.resolve("assignment.json");
        String uri = "iothub-mqtt:telemetry?" + options(registrationId, "enrollmentGroupKey=RAW(" + GROUP_KEY + ")")
                + "&modelId=dtmi:com:example:Thermostat;1&provisioningPayload=RAW({\"site\":\"north\"})&assignmentFile="
                + assignment;

        template.sendBody(uri, "provisioned");

        Identity device = Identity.device(registrationId);
        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("provisioned");
        assertThat(hub.registry().get(device).primaryKey()).isEqualTo(Provisioning.deriveDeviceKey(GROUP_KEY, registrationId));
        assertThat(hub.provisioning().registrationPayload(registrationId).orElseThrow().toString())
                .isEqualTo("{\"site\":\"north\",\"modelId\":\"dtmi:com:example:Thermostat;1\"}");
        assertThat(Files.readString(assignment)).contains("\"assignedHub\":\"" + hub.hubHostName() + "\"")
                .contains("\"deviceId\":\"" + registrationId + "\"");

        // a restart (a new CamelContext) connects with the assignment in the file, without registering
        long assignments = hub.provisioning().assignments();
        try (CamelContext restarted = new DefaultCamelContext()) {
            restarted.getRegistry().bind("hubTls", Trust.trusting(hub.trustStore()));
            restarted.start();
            try (ProducerTemplate producer = restarted.createProducerTemplate()) {
                producer.sendBody(uri, "after the restart");
            }
        }
        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("provisioned", "after the restart");
        assertThat(hub.provisioning().assignments()).isEqualTo(assignments);
    }

    @Test
    void theDeviceRegistersAgainWhenTheAssignedHubRefusesIt() throws Exception {
        String registrationId = newRegistration();
        String telemetry = "iothub-mqtt:telemetry?" + options(registrationId, "enrollmentGroupKey=RAW(" + GROUP_KEY + ")");
        Identity device = Identity.device(registrationId);
        template.sendBody(telemetry, "first");
        hub.service().awaitTelemetry(device, 1, WAIT);
        long assignments = hub.provisioning().assignments();

        hub.registry().remove(device); // the hub forgets the device: its next CONNECT is refused
        hub.service().kick(device);

        await().atMost(WAIT).until(() -> hub.provisioning().assignments() > assignments);
        template.sendBody(telemetry, "second");
        assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("first", "second");
    }

    @Test
    void registersAndConnectsThroughTheProxyOfTheConnection() throws Exception {
        String registrationId = newRegistration();
        try (HttpConnectProxy proxy = HttpConnectProxy.requiringBasic("dps-user", "dps-s3cret")) {
            template.sendBody("iothub-mqtt:telemetry?" + options(registrationId, "enrollmentGroupKey=RAW(" + GROUP_KEY
                    + ")") + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                    + "&proxyUsername=dps-user&proxyPassword=RAW(dps-s3cret)", "through the proxy");

            assertThat(hub.service().awaitTelemetry(Identity.device(registrationId), 1, WAIT))
                    .extracting(TelemetryMessage::bodyAsString).containsExactly("through the proxy");
            assertThat(proxy.tunnels()).containsExactly("localhost:" + hub.dpsPort(), "localhost:" + hub.mqttPort());
        }
    }

    @Test
    void refusedProxyCredentialsFailTheRegistrationAsProxyNotAuthorized() throws Exception {
        try (HttpConnectProxy proxy = HttpConnectProxy.requiringBasic("dps-user", "dps-s3cret")) {
            String status = "iothub-mqtt:status?" + options(newRegistration(), "enrollmentGroupKey=RAW(" + GROUP_KEY
                    + ")") + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port()
                    + "&proxyUsername=dps-user&proxyPassword=RAW(wr0ng)";

            SessionStatus refused = await().atMost(WAIT).until(() -> template.requestBody(status, null,
                    SessionStatus.class), s -> s.lastDisconnectReason() == DisconnectReason.PROXY_NOT_AUTHORIZED);

            assertThat(refused.lastDisconnectDetail()).contains("DPS registration", "407",
                    "CONNECT localhost:" + hub.dpsPort()).doesNotContain("wr0ng");
            assertThat(proxy.tunnels()).isEmpty();
        }
    }

    @Test
    void aRefusedRegistrationNamesTheDpsStatusAndErrorCode() {
        String status = "iothub-mqtt:status?" + options("camel-individual", "sharedAccessKey=RAW(" + GROUP_KEY + ")");

        SessionStatus refused = await().atMost(WAIT).until(() -> template.requestBody(status, null, SessionStatus.class),
                s -> s.lastDisconnectDetail() != null && s.lastDisconnectDetail().contains("DPS"));

        assertThat(refused.connected()).isFalse();
        assertThat(refused.lastDisconnectDetail()).contains("DPS status 401, error code 401002")
                .doesNotContain(GROUP_KEY);
    }

    @Test
    void anIndividualEnrollmentConnectsWithItsKey() {
        String telemetry = "iothub-mqtt:telemetry?"
                + options("camel-individual", "sharedAccessKey=RAW(" + INDIVIDUAL_KEY + ")");

        template.sendBody(telemetry, "individual");

        assertThat(hub.service().awaitTelemetry(Identity.device("camel-individual"), 1, WAIT))
                .extracting(TelemetryMessage::bodyAsString).contains("individual");
    }

    @Test
    void anX509GroupMemberProvisionsWithItsCertificate() throws Exception {
        String registrationId = newRegistration();
        context.getRegistry().bind("deviceCertificate", X509AuthenticationTest.sslContextWith(
                DEVICE_CA.issueClientCertificate(registrationId), hub.trustStore()));
        String telemetry = "iothub-mqtt:telemetry?" + options(registrationId, "sslContextParameters=#deviceCertificate")
                .replace("&sslContextParameters=#hubTls", "");

        template.sendBody(telemetry, "attested by certificate");

        assertThat(hub.service().awaitTelemetry(Identity.device(registrationId), 1, WAIT))
                .extracting(TelemetryMessage::bodyAsString).containsExactly("attested by certificate");
    }

    @Test
    void throttledRegistrationsWaitTheServicesRetryAfter() {
        String registrationId = newRegistration();
        hub.service().faults().throttleProvisioning(2); // each 429 says retry-after: 1
        long start = System.nanoTime();
        try {
            template.sendBody("iothub-mqtt:telemetry?" + options(registrationId, "enrollmentGroupKey=RAW(" + GROUP_KEY + ")"),
                    "after throttling");
            hub.service().awaitTelemetry(Identity.device(registrationId), 1, WAIT);
        } finally {
            hub.service().faults().throttleProvisioning(0);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void badProvisioningOptionsFailWhenTheEndpointIsCreated() {
        assertThatThrownBy(() -> context.getEndpoint("iothub-mqtt:telemetry?idScope=" + SCOPE + "&connectionString=RAW("
                + "HostName=h.azure-devices.net;DeviceId=d;SharedAccessKey=" + GROUP_KEY + ")"))
                .hasStackTraceContaining("leave connectionString, hostName, sasToken and moduleId unset")
                .hasStackTraceContaining("idScope");
        assertThatThrownBy(() -> context.getEndpoint("iothub-mqtt:telemetry?" + options("d", "enrollmentGroupKey=RAW("
                + GROUP_KEY + ")") + "&provisioningPayload=RAW(not json)"))
                .hasStackTraceContaining("provisioningPayload is not a JSON object");
        assertThatThrownBy(() -> context.getEndpoint("iothub-mqtt:telemetry?idScope=" + SCOPE + "&sharedAccessKey=RAW("
                + GROUP_KEY + ")"))
                .hasStackTraceContaining("idScope needs registrationId");
        assertThatThrownBy(() -> context.getEndpoint("iothub-mqtt:telemetry?" + options("d", "sharedAccessKey=RAW("
                + GROUP_KEY + ")&enrollmentGroupKey=RAW(" + GROUP_KEY + ")")))
                .hasStackTraceContaining("not both");
    }
}
