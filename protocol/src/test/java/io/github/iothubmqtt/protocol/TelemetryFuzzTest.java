package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

class TelemetryFuzzTest {

    /**
     * The input as a topic: parse, build, parse gives the same (the builder may refuse more: it also holds new messages
     * to the hub's property rules); the lines as device id, module id, then property names and values: what builds
     * parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void topics(byte[] input) {
        String text = FuzzOracle.text(input);
        Telemetry.Topic parsed = attempt(() -> Telemetry.parse(text));
        if (parsed != null) {
            String rebuilt = attempt(() -> Telemetry.topic(parsed.identity(), parsed.properties()));
            if (rebuilt != null) {
                assertThat(Telemetry.parse(rebuilt)).isEqualTo(parsed);
            }
        }
        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Identity identity = FuzzOracle.identity(lines, 0);
        Map<String, String> properties = FuzzOracle.properties(lines, 2);
        String topic = identity == null ? null : attempt(() -> Telemetry.topic(identity, properties));
        if (topic != null) {
            assertThat(Telemetry.parse(topic)).isEqualTo(new Telemetry.Topic(identity, properties));
            assertThat(Telemetry.messageSize(input, properties)).isNotNegative();
        }
    }
}
