package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class ProvisioningFuzzTest {

    /**
     * The input as a DPS answer: parse, build, parse gives the same; the lines as status, request id, retry-after: what
     * builds parses back; then as ID scope, registration id, key, expiry and operation id: the device's user name,
     * token and topics are built or refused with an {@link IllegalArgumentException}, and the token reads back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void answersAndRegistrations(byte[] input) {
        String text = FuzzOracle.text(input);
        Provisioning.Response answer = attempt(() -> Provisioning.parseResponse(text));
        if (answer != null) {
            assertThat(Provisioning
                    .parseResponse(Provisioning.responseTopic(answer.status(), answer.rid(), answer.retryAfterSeconds())))
                    .isEqualTo(answer);
        }
        Provisioning.Request request = attempt(() -> Provisioning.parseRequest(text));
        if (request != null) {
            assertThat(Provisioning.parseRequest(request.isPoll()
                    ? Provisioning.pollTopic(request.rid(), request.operationId())
                    : Provisioning.registerTopic(request.rid()))).isEqualTo(request);
        }
        attempt(() -> Provisioning.parseUsername(text));
        attempt(() -> ProvisioningMessages.parseOperation(input));
        attempt(() -> ProvisioningMessages.parseRequest(input));

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Long status = FuzzOracle.number(lines.line(0));
        String rid = lines.line(1);
        Long retryAfter = FuzzOracle.number(lines.line(2));
        if (status != null && status == status.intValue() && (retryAfter == null || retryAfter == retryAfter.intValue())) {
            Integer retryAfterSeconds = retryAfter == null ? null : retryAfter.intValue();
            String topic = attempt(() -> Provisioning.responseTopic(status.intValue(), rid, retryAfterSeconds));
            if (topic != null) {
                assertThat(Provisioning.parseResponse(topic))
                        .isEqualTo(new Provisioning.Response(status.intValue(), rid, retryAfterSeconds));
            }
        }

        String idScope = lines.line(3);
        String registrationId = lines.line(4);
        String key = lines.line(5);
        Long expiry = FuzzOracle.number(lines.line(6));
        attempt(() -> Provisioning.username(idScope, registrationId, Provisioning.DEFAULT_API_VERSION));
        attempt(() -> Provisioning.deriveDeviceKey(key, registrationId));
        attempt(() -> Provisioning.registerTopic(rid));
        attempt(() -> Provisioning.pollTopic(rid, lines.line(7)));
        String token = expiry == null ? null : attempt(() -> Provisioning.token(idScope, registrationId, key, expiry));
        if (token != null) {
            SasToken parsed = SasToken.parse(token);
            assertThat(parsed.audience()).isEqualTo(Provisioning.resourceUri(idScope, registrationId));
            assertThat(parsed.expiry()).isEqualTo(expiry);
            assertThat(parsed.keyName()).isEqualTo("registration");
        }
    }
}
