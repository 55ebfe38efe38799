package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TwinDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void patchesMergeDeeplyNullDeletesAndVersionsCount() throws Exception {
        TwinDocument twin = new TwinDocument();
        assertThat(twin.toJson()).isEqualTo("{\"desired\":{\"$version\":1},\"reported\":{\"$version\":1}}");
        assertThat(twin.patchDesired(json("{\"thermostat\":{\"target\":21,\"mode\":\"auto\"},\"fan\":true}"))).isEqualTo(2);
        assertThat(twin.patchDesired(json("{\"thermostat\":{\"target\":22,\"mode\":null},\"fan\":null}"))).isEqualTo(3);
        assertThat(twin.desired()).hasToString("{\"thermostat\":{\"target\":22},\"$version\":3}");
        assertThat(twin.reportedVersion()).isEqualTo(1);
        assertThat(twin.patchReported(json("{\"firmware\":\"1.0\"}"))).isEqualTo(2);
        assertThat(twin.toJsonNode()).hasToString(
                "{\"desired\":{\"thermostat\":{\"target\":22},\"$version\":3},\"reported\":{\"firmware\":\"1.0\",\"$version\":2}}");
    }

    @Test
    void anObjectReplacesAScalarAndAScalarReplacesAnObject() throws Exception {
        ObjectNode target = (ObjectNode) json("{\"a\":1,\"b\":{\"c\":2}}");
        TwinPatch.apply(target, json("{\"a\":{\"x\":null,\"y\":1},\"b\":3}"));
        assertThat(target).isEqualTo(json("{\"a\":{\"y\":1},\"b\":3}"));
    }

    @Test
    void notificationCarriesItsVersion() throws Exception {
        assertThat(TwinDocument.notification(json("{\"a\":1}"), 9)).hasToString("{\"a\":1,\"$version\":9}");
    }

    @Test
    void rejectedPatchesChangeNothing() throws Exception {
        TwinDocument twin = new TwinDocument();
        twin.patchReported(json("{\"big\":\"" + "x".repeat(4000) + "\"}"));
        for (int i = 0; i < 7; i++) {
            twin.patchReported(json("{\"big" + i + "\":\"" + "x".repeat(4000) + "\"}"));
        }
        assertThatThrownBy(() -> twin.patchReported(json("{\"more\":\"" + "x".repeat(4000) + "\"}")))
                .hasMessageContaining("reported properties would grow to").hasMessageContaining("32768");
        assertThat(twin.reportedVersion()).isEqualTo(9);
        assertThat(twin.reported().has("more")).isFalse();
    }

    @Test
    void documentRulesAreEnforced() throws Exception {
        assertRejected("[1]", "must be a JSON object");
        assertRejected("{\"a.b\":1}", "forbids control characters, '.', '$' and spaces");
        assertRejected("{\"$a\":1}", "forbids control characters");
        assertRejected("{\"a b\":1}", "forbids control characters");
        assertRejected("{\"a\\u0001\":1}", "a control character");
        assertRejected("{\"\":1}", "empty key");
        assertRejected("{\"" + "k".repeat(1025) + "\":1}", "longer than 1024 bytes");
        assertRejected("{\"a\":[1,2]}", "is an array");
        assertRejected("{\"a\":{\"b\":\"" + "x".repeat(4097) + "\"}}", "'a.b' is a string longer than 4096");
        assertRejected("{\"a\":4503599627370496}", "outside the integers");
        assertRejected("{\"a\":-4503599627370497}", "outside the integers");
        assertRejected("{\"a\":123456789012345678901234567890}", "outside the integers");
        assertRejected("{\"t\":1e400}", "'t' = Infinity is not a finite number");
        assertRejected("{\"t\":-1e400}", "'t' = -Infinity is not a finite number");
        assertRejected("{\"s\":\"" + "x".repeat(33000) + "\"}", "allows at most 32768 bytes per section");
        assertRejected(nested(11), "nests deeper than 10");
        // 1e400 reads as Infinity, which JSON cannot write back
        assertRejected("{\"a\":{\"b\":1e400}}", "'a.b' = Infinity is not a finite number");
        assertRejected("{\"a\":-1e400}", "is not a finite number");
        assertThatThrownBy(() -> TwinPatch.validate(JSON.createObjectNode().put("n", Double.NaN)))
                .hasMessageContaining("'n' = NaN");
        assertThatThrownBy(() -> TwinDocument.notification(json("[1]"), 2)).hasMessageContaining("JSON object");
        // JSON escapes can spell a lone surrogate; as UTF-8 on the wire it would turn into '?'
        assertRejected("{\"a\":{\"b\":\"x\\ud800\"}}", "twin property 'a.b': character 2 is an unpaired surrogate");
        assertRejected("{\"\\udc00\":1}", "is an unpaired surrogate");
        TwinPatch.validate(json("{\"\\ud83d\\ude80\":\"\\ud83d\\ude80\"}"));
        TwinPatch.validate(json(nested(10)));
        TwinPatch.validate(json("{\"a\":4503599627370495,\"b\":-4503599627370496,\"c\":1.5,\"d\":null,\"e\":false}"));
    }

    private static String nested(int depth) {
        return "{\"k\":".repeat(depth - 1) + "{\"k\":1}" + "}".repeat(depth - 1);
    }

    private static void assertRejected(String patch, String message) {
        assertThatThrownBy(() -> TwinPatch.validate(json(patch))).as(patch).hasMessageContaining(message);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
