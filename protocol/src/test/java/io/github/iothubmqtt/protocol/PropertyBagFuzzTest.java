package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

class PropertyBagFuzzTest {

    /**
     * The whole input as a bag and as one component: what decodes is plain ASCII (escapes included) and reads the same
     * after encoding; the lines as names and values: what encodes decodes back, and is safe in a topic.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void bags(byte[] input) {
        String text = FuzzOracle.text(input);
        Map<String, String> decoded = attempt(() -> PropertyBag.decode(text));
        if (decoded != null) {
            assertThat(text).as("an accepted bag is ASCII").matches("\\p{ASCII}*");
            assertThat(PropertyBag.decode(PropertyBag.encode(decoded))).containsExactlyEntriesOf(decoded);
        }
        String component = attempt(() -> PropertyBag.decodeComponent(text));
        if (component != null) {
            assertThat(text).as("an accepted component is ASCII").matches("\\p{ASCII}*");
            assertThat(PropertyBag.decodeComponent(PropertyBag.encodeComponent(component))).isEqualTo(component);
        }
        String encoded = attempt(() -> PropertyBag.encodeComponent(text));
        if (encoded != null) {
            assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
            assertThat(PropertyBag.decodeComponent(encoded)).isEqualTo(text);
        }
        Map<String, String> properties = FuzzOracle.properties(FuzzOracle.Lines.of(input), 0);
        String bag = attempt(() -> PropertyBag.encode(properties));
        if (bag != null) {
            assertThat(PropertyBag.decode(bag)).containsExactlyEntriesOf(properties);
        }
    }
}
