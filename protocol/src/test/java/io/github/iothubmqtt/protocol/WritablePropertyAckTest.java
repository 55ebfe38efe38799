package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shapes of the IoT Plug and Play convention's writable-property responses. */
class WritablePropertyAckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    /** Compared as text: {@code av} is a long node, the parsed expectation holds int nodes. */
    private static void assertSameJson(JsonNode actual, String expected) throws Exception {
        assertThat(actual.toString()).isEqualTo(json(expected).toString());
    }

    @Test
    void aRootPropertyIsAnsweredWithValueCodeVersionAndDescription() throws Exception {
        JsonNode patch = WritablePropertyAck.acknowledge(json("{'targetTemperature':21.8,'$version':4}"), null, 200, 4,
                "Successfully executed patch");
        assertSameJson(patch,
                "{'targetTemperature':{'value':21.8,'ac':200,'av':4,'ad':'Successfully executed patch'}}");
    }

    @Test
    void withoutADescriptionThereIsNoAd() throws Exception {
        JsonNode patch = WritablePropertyAck.acknowledge(json("{'mode':{'eco':true}}"), null, 202, 7, null);
        assertSameJson(patch, "{'mode':{'value':{'eco':true},'ac':202,'av':7}}");
    }

    @Test
    void aComponentOfTheDesiredPatchIsAnsweredInsideItsMarkedObject() throws Exception {
        JsonNode desired = json("{'thermostat1':{'__t':'c','targetTemperature':20},'fanSpeed':3,'$version':5}");
        JsonNode patch = WritablePropertyAck.acknowledge(desired, null, 200, 5, null);
        assertSameJson(patch, "{'thermostat1':{'__t':'c','targetTemperature':{'value':20,'ac':200,'av':5}},"
                + "'fanSpeed':{'value':3,'ac':200,'av':5}}");
    }

    @Test
    void anObjectWithoutTheMarkerIsARootPropertyWhoseValueIsAnObject() throws Exception {
        JsonNode patch = WritablePropertyAck.acknowledge(json("{'schedule':{'__t':'x','on':1}}"), null, 200, 2, null);
        assertSameJson(patch, "{'schedule':{'value':{'__t':'x','on':1},'ac':200,'av':2}}");
    }

    @Test
    void aNamedComponentTakesTheFlatProperties() throws Exception {
        JsonNode patch = WritablePropertyAck.acknowledge(json("{'targetTemperature':19.5,'$version':3}"), "thermostat2",
                400, 3, "out of range");
        assertSameJson(patch, "{'thermostat2':{'__t':'c','targetTemperature':"
                + "{'value':19.5,'ac':400,'av':3,'ad':'out of range'}}}");
    }

    @Test
    void aNamedComponentIgnoresAMarkerInTheValues() throws Exception {
        JsonNode patch = WritablePropertyAck.acknowledge(json("{'__t':'c','on':true}"), "light", 200, 1, null);
        assertSameJson(patch, "{'light':{'__t':'c','on':{'value':true,'ac':200,'av':1}}}");
    }

    @Test
    void removedPropertiesAndEmptyComponentsAreNotAcknowledged() throws Exception {
        JsonNode desired = json("{'a':null,'b':1,'c1':{'__t':'c','x':null},'c2':{'__t':'c','$metadata':{}}}");
        assertSameJson(WritablePropertyAck.acknowledge(desired, null, 200, 9, null), "{'b':{'value':1,'ac':200,'av':9}}");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "[1]|must be a JSON object, not ARRAY",
            "'text'|must be a JSON object, not STRING",
    })
    void whatCannotBeAcknowledgedIsRefused(String values, String message) {
        assertThatThrownBy(() -> WritablePropertyAck.acknowledge(json(values), null, 200, 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'$version':3}", "{'a':null}", "{'c':{'__t':'c'}}", "{}"})
    void withNothingToAcknowledgeThePatchIsEmpty(String values) throws Exception {
        assertThat(WritablePropertyAck.acknowledge(json(values), null, 200, 1, null).isEmpty()).isTrue();
    }

    @Test
    void aNegativeVersionOrAnEmptyComponentIsRefused() {
        assertThatThrownBy(() -> WritablePropertyAck.acknowledge(json("{'a':1}"), null, 200, -1, null))
                .hasMessageContaining("av").hasMessageContaining("-1");
        assertThatThrownBy(() -> WritablePropertyAck.acknowledge(json("{'a':1}"), "", 200, 1, null))
                .hasMessageContaining("component name is empty");
        assertThatThrownBy(() -> WritablePropertyAck.acknowledge(null, null, 200, 1, null))
                .hasMessageContaining("not nothing");
    }

    @Test
    void theAnswerIsAValidReportedPatch() throws Exception {
        JsonNode desired = json("{'thermostat1':{'__t':'c','targetTemperature':20},'fanSpeed':3,'$version':5}");
        TwinPatch.validate(WritablePropertyAck.acknowledge(desired, null, 200, 5, "ok"));
    }

    @Property(tries = 200)
    void everyPropertyIsAnsweredWithItsOwnValue(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String name,
            @ForAll int value, @ForAll @IntRange(min = 100, max = 599) int code, @ForAll @IntRange(min = 0) int version) {
        JsonNode answer = WritablePropertyAck.acknowledge(JSON.createObjectNode().put(name, value), null, code, version, null)
                .path(name);
        assertThat(answer.path("value").asInt()).isEqualTo(value);
        assertThat(answer.path("ac").asInt()).isEqualTo(code);
        assertThat(answer.path("av").asLong()).isEqualTo(version);
        assertThat(answer.has("ad")).isFalse();
    }

    @Test
    void isComponentNeedsAnObjectMarkedC() throws Exception {
        assertThat(WritablePropertyAck.isComponent(json("{'__t':'c'}"))).isTrue();
        assertThat(WritablePropertyAck.isComponent(json("{'__t':'C'}"))).isFalse();
        assertThat(WritablePropertyAck.isComponent(json("{'t':'c'}"))).isFalse();
        assertThat(WritablePropertyAck.isComponent(json("'c'"))).isFalse();
        assertThat(WritablePropertyAck.isComponent(null)).isFalse();
    }
}
