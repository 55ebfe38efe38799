package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

class TwinPatchFuzzTest {

    /** Lenient, so that NaN and Infinity reach the checks directly, as they may from a mapper configured so. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /**
     * The input as a JSON patch: refused with an {@link IllegalArgumentException}, or applied to both sections so that
     * the twin survives its trip through JSON as UTF-8 bytes (as on the wire), and applying it again changes nothing.
     */
    // JSON's tokens and values at the document rules' edges: random bytes alone rarely make a JSON object
    @DictionaryEntries({"{\"", "\":", "\":{\"", "}", ",\"", "null", "true", "1e400", "-1e400", "NaN", "Infinity",
            "4503599627370496",
            "1.5", "\\ud800", "\\u0001", "[", "$", "."})
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void patches(byte[] input) throws Exception {
        JsonNode patch;
        try {
            patch = JSON.readTree(input);
        } catch (IOException notJson) {
            return;
        }
        attempt(() -> TwinDocument.notification(patch, 2));
        TwinDocument twin = new TwinDocument();
        if (attempt(() -> twin.patchDesired(patch)) == null) {
            return;
        }
        twin.patchReported(patch);
        String document = twin.toJson();
        assertThat(new ObjectMapper().readTree(document.getBytes(StandardCharsets.UTF_8))).hasToString(document);
        ObjectNode desired = twin.desired();
        twin.patchDesired(patch);
        assertThat(withoutVersion(twin.desired())).isEqualTo(withoutVersion(desired));
        assertThat(TwinDocument.notification(patch, twin.desiredVersion())).isNotNull();
    }

    private static ObjectNode withoutVersion(ObjectNode section) {
        section.remove("$version");
        return section;
    }
}
