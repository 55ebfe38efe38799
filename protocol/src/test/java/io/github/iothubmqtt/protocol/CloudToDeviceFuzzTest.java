package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

class CloudToDeviceFuzzTest {

    /**
     * The input as a delivery topic: parse, build, parse gives the same; the lines as device id, module id, then property
     * names and values: what builds parses back, and an identity's own filter is one it accepts.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void deliveries(byte[] input) {
        String text = FuzzOracle.text(input);
        CloudToDevice.Delivery parsed = attempt(() -> CloudToDevice.parseDelivery(text));
        if (parsed != null) {
            assertThat(CloudToDevice.parseDelivery(CloudToDevice.deliveryTopic(parsed.identity(), parsed.properties())))
                    .isEqualTo(parsed);
        }
        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Identity identity = FuzzOracle.identity(lines, 0);
        if (identity == null) {
            return;
        }
        assertThat(CloudToDevice.isSubscribeFilter(CloudToDevice.subscribeFilter(identity), identity)).isTrue();
        CloudToDevice.isSubscribeFilter(text, identity);
        Map<String, String> properties = FuzzOracle.properties(lines, 2);
        String topic = attempt(() -> CloudToDevice.deliveryTopic(identity, properties));
        if (topic != null) {
            assertThat(CloudToDevice.parseDelivery(topic)).isEqualTo(new CloudToDevice.Delivery(identity, properties));
        }
    }
}
