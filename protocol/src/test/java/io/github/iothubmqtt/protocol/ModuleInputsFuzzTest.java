package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

class ModuleInputsFuzzTest {

    /**
     * The input as an input delivery topic: parse, build, parse gives the same; the lines as device id, module id, input
     * name, then property names and values: what builds parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void deliveries(byte[] input) {
        String text = FuzzOracle.text(input);
        ModuleInputs.Delivery parsed = attempt(() -> ModuleInputs.parseDelivery(text));
        if (parsed != null) {
            assertThat(ModuleInputs
                    .parseDelivery(ModuleInputs.deliveryTopic(parsed.identity(), parsed.inputName(), parsed.properties())))
                    .isEqualTo(parsed);
        }
        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Identity identity = FuzzOracle.identity(lines, 0);
        if (identity == null) {
            return;
        }
        ModuleInputs.isSubscribeFilter(text, identity);
        Map<String, String> properties = FuzzOracle.properties(lines, 3);
        String topic = attempt(() -> ModuleInputs.deliveryTopic(identity, lines.line(2), properties));
        if (topic != null) {
            assertThat(ModuleInputs.parseDelivery(topic))
                    .isEqualTo(new ModuleInputs.Delivery(identity, lines.line(2), properties));
            assertThat(ModuleInputs.isSubscribeFilter(ModuleInputs.subscribeFilter(identity), identity)).isTrue();
        }
    }
}
