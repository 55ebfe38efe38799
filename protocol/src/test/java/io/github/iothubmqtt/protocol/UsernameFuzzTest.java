package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class UsernameFuzzTest {

    /**
     * The input as a user name: parse, build, parse gives the same host, identity and parameters the builder takes; the
     * lines as host, device id, module id, api-version, product information and model id: what builds parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void userNames(byte[] input) {
        String text = FuzzOracle.text(input);
        Username parsed = attempt(() -> Username.parse(text));
        if (parsed != null) {
            String rebuilt = attempt(() -> build(parsed));
            if (rebuilt != null) {
                assertSame(Username.parse(rebuilt), parsed);
            }
        }

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Identity identity = FuzzOracle.identity(lines, 1);
        String built = identity == null
                ? null
                : attempt(() -> Username.build(lines.line(0), identity, lines.line(3), lines.optional(4), lines.optional(5)));
        if (built != null) {
            Username read = Username.parse(built);
            assertThat(read.hostName()).isEqualTo(lines.line(0));
            assertThat(read.identity()).isEqualTo(identity);
            assertThat(read.apiVersion()).isEqualTo(lines.line(3));
            assertThat(read.parameters().get("DeviceClientType")).isEqualTo(lines.optional(4));
            assertThat(read.parameters().get("model-id")).isEqualTo(lines.optional(5));
        }
    }

    private static String build(Username username) {
        return Username.build(username.hostName(), username.identity(), username.apiVersion(),
                username.parameters().get("DeviceClientType"), username.parameters().get("model-id"));
    }

    /** The same as far as the builder reads: an empty optional parameter is the same as none. */
    private static void assertSame(Username actual, Username expected) {
        assertThat(actual.hostName()).isEqualTo(expected.hostName());
        assertThat(actual.identity()).isEqualTo(expected.identity());
        assertThat(actual.apiVersion()).isEqualTo(expected.apiVersion());
        for (String optional : new String[] {"DeviceClientType", "model-id"}) {
            assertThat(emptyAsNone(actual.parameters().get(optional)))
                    .isEqualTo(emptyAsNone(expected.parameters().get(optional)));
        }
    }

    private static String emptyAsNone(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
