package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ProvisioningMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void requestCarriesAllocationDataAndModelIdInItsPayload() throws Exception {
        JsonNode data = JSON.readTree("{\"site\":\"north\"}");
        byte[] body = ProvisioningMessages.request("dev-1", data, "dtmi:com:example:Thermostat;1");

        assertThat(JSON.readTree(body)).isEqualTo(JSON.readTree(
                "{\"registrationId\":\"dev-1\",\"payload\":{\"site\":\"north\",\"modelId\":\"dtmi:com:example:Thermostat;1\"}}"));
        assertThat(data).hasSize(1); // the caller's object is not changed
        ProvisioningMessages.Request parsed = ProvisioningMessages.parseRequest(body);
        assertThat(parsed.registrationId()).isEqualTo("dev-1");
        assertThat(ProvisioningMessages.modelId(parsed)).isEqualTo("dtmi:com:example:Thermostat;1");
    }

    @Test
    void requestWithoutPayloadHasNone() {
        byte[] body = ProvisioningMessages.request("dev-1", null, null);

        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"registrationId\":\"dev-1\"}");
        assertThat(ProvisioningMessages.parseRequest(body).payload()).isNull();
        assertThat(ProvisioningMessages.modelId(ProvisioningMessages.parseRequest(body))).isNull();
    }

    @Test
    void badRequestsAreRefusedWithoutQuotingThem() throws Exception {
        assertThatThrownBy(() -> ProvisioningMessages.request("d", JSON.readTree("[1]"), null))
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> ProvisioningMessages.parseRequest("{\"secret".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("the registration request is not JSON");
        assertThatThrownBy(() -> ProvisioningMessages.parseRequest("{\"registrationId\":1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("no registrationId");
        assertThatThrownBy(() -> ProvisioningMessages.parseRequest(new byte[0])).hasMessageContaining("not a JSON object");
    }

    @Test
    void readsTheServiceAnswersOfTheDocumentedFlow() {
        // the bodies of azure-sdk-for-c's az_iot_provisioning_client.c comment
        ProvisioningMessages.Operation assigning = ProvisioningMessages.parseOperation(
                "{\"operationId\":\"4.d0a671905ea5b2c8.e7173b7b\",\"status\":\"assigning\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(assigning.operationId()).isEqualTo("4.d0a671905ea5b2c8.e7173b7b");
        assertThat(assigning.isAssigned()).isFalse();

        ProvisioningMessages.Operation error = ProvisioningMessages
                .parseOperation(("{\"errorCode\":401002,\"trackingId\":\"t\","
                        + "\"message\":\"Invalid certificate.\",\"timestampUtc\":\"2026-12-07T08:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(error.errorCode()).isEqualTo(401002L);
        assertThat(error.message()).isEqualTo("Invalid certificate.");
    }

    @Test
    void assignedAndErrorBodiesReadBack() throws Exception {
        JsonNode payload = JSON.readTree("{\"tier\":2}");
        ProvisioningMessages.Operation assigned = ProvisioningMessages.parseOperation(
                ProvisioningMessages.assigned("op-1", "dev-1", "hub.azure-devices.net", "dev-1", payload, NOW));

        assertThat(assigned).isEqualTo(new ProvisioningMessages.Operation("op-1", "assigned", "hub.azure-devices.net",
                "dev-1", payload, null, null));
        assertThat(assigned.isAssigned()).isTrue();
        assertThat(ProvisioningMessages.parseOperation(ProvisioningMessages.assigning("op-2")))
                .isEqualTo(new ProvisioningMessages.Operation("op-2", "assigning", null, null, null, null, null));
        assertThat(ProvisioningMessages.parseOperation(ProvisioningMessages.error(404201, "no such enrollment", "t", NOW)))
                .isEqualTo(new ProvisioningMessages.Operation(null, null, null, null, null, 404201L, "no such enrollment"));
    }

    @Test
    void registrationTokensVerifyAsDpsChecksThem() {
        String key = "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==";
        String token = Provisioning.token("0ne00ABC", "dev-1", key, 2_000_000_000L);
        assertThat(Provisioning.verifyToken(token, "0ne00abc", "dev-1", List.of(key), 1_900_000_000L))
                .isEqualTo(SasVerification.VALID);
        assertThat(Provisioning.verifyToken(token, "0ne00ABC", "dev-2", List.of(key), 1_900_000_000L))
                .isEqualTo(SasVerification.WRONG_AUDIENCE);
        assertThat(Provisioning.verifyToken(token, "0ne00ABC", "dev-1", List.of(Provisioning.deriveDeviceKey(key, "x")),
                1_900_000_000L)).isEqualTo(SasVerification.BAD_SIGNATURE);
        assertThat(Provisioning.verifyToken(token, "0ne00ABC", "dev-1", List.of(key), 2_000_001_000L))
                .isEqualTo(SasVerification.EXPIRED);

        // Java's provisioning client: sr unencoded, an empty skn
        String resource = "0ne00ABC/registrations/dev-1";
        String javaToken = "SharedAccessSignature sr=" + resource + "&sig="
                + PropertyBag.encodeComponent(SasToken.sign(resource + "\n2000000000", key)) + "&se=2000000000&skn=";
        assertThat(Provisioning.verifyToken(javaToken, "0ne00ABC", "dev-1", List.of(key), 1_900_000_000L))
                .isEqualTo(SasVerification.VALID);
    }

    @Test
    void requestTopicsReadBack() {
        assertThat(Provisioning.parseRequest(Provisioning.registerTopic("7"))).isEqualTo(new Provisioning.Request("7", null));
        assertThat(Provisioning.parseRequest(Provisioning.pollTopic("8", "4.a b")))
                .isEqualTo(new Provisioning.Request("8", "4.a b"));
        assertThat(
                Provisioning.parseRequest("$dps/registrations/GET/iotdps-get-operationstatus/?operationId=op&$rid=9").isPoll())
                .isTrue();
        assertThatThrownBy(() -> Provisioning.parseRequest("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=9"))
                .hasMessageContaining("has no operationId");
        assertThatThrownBy(() -> Provisioning.parseRequest("$dps/registrations/PUT/iotdps-register/"))
                .hasMessageContaining("query");
        assertThatThrownBy(() -> Provisioning.parseRequest("devices/d/messages/events/")).hasMessageContaining("is not a DPS");
    }

    @Test
    void userNamesReadBack() {
        assertThat(Provisioning.parseUsername(Provisioning.username("0ne00ABC", "dev-1", "2019-03-31")))
                .isEqualTo(new Provisioning.Registration("0ne00ABC", "dev-1"));
        // the Java SDK's user name, with its ClientVersion
        assertThat(Provisioning.parseUsername("0ne00ABC/registrations/dev-1/api-version=2019-03-31&ClientVersion=2019-03-31"))
                .isEqualTo(new Provisioning.Registration("0ne00ABC", "dev-1"));
        assertThatThrownBy(() -> Provisioning.parseUsername("hub.azure-devices.net/dev-1/?api-version=2021-04-12"))
                .hasMessageContaining("is not a DPS user name");
        assertThatThrownBy(() -> Provisioning.parseUsername(null)).hasMessageContaining("is not a DPS user name");
        assertThatThrownBy(() -> Provisioning.parseUsername("0ne/registrations/a b/api-version=1"))
                .hasMessageContaining("registration id");
    }
}
