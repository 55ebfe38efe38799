package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The WHERE clause of edge routes: operators, three-valued logic, types, and the refusals. */
class RouteConditionTest {

    /** alert='yes', level='3', temperature=31.5 (a body number), ok=true; anything else is undefined. */
    private static final Map<String, Object> FIELDS = new HashMap<>();

    static {
        FIELDS.put("alert", "yes");
        FIELDS.put("level", "3");
        FIELDS.put("$body.temperature", 31.5);
        FIELDS.put("$body.ok", true);
        FIELDS.put("$body.none", null);
        FIELDS.put("$connectionModuleId", "sensor");
    }

    private static final Function<String, Object> RESOLVER = reference -> FIELDS.containsKey(reference)
            ? FIELDS.get(reference)
            : RouteCondition.UNDEFINED;

    private static boolean test(String condition) {
        return RouteCondition.parse(condition).test(RESOLVER);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "alert = 'yes'                              | true",
            "alert = 'no'                               | false",
            "alert != 'no'                              | true",
            "alert <> 'yes'                             | false",
            "$body.temperature > 30                     | true",
            "$body.temperature >= 31.5                  | true",
            "$body.temperature < 31.5                   | false",
            "$body.temperature <= -1                    | false",
            "level > '2'                                | true",
            "$body.ok = true                            | true",
            "$body.none = null                          | true",
            "$connectionModuleId = 'sensor'             | true",
            "alert = 'yes' AND $body.temperature > 40   | false",
            "alert = 'yes' or $body.temperature > 40    | true",
            "NOT alert = 'no'                           | true",
            "NOT (alert = 'yes' AND level = '3')        | false",
            "alert = 'no' OR level = '3' AND $body.ok = false | false",
            "(alert = 'no' OR level = '3') AND $body.ok | true",
            "IS_DEFINED(alert)                          | true",
            "is_defined($body.missing)                  | false",
            "NOT IS_DEFINED($body.missing)              | true",
            "'it''s' = 'it''s'                          | true",
    })
    void evaluates(String condition, boolean expected) {
        assertThat(test(condition)).as(condition).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "missing = 'x'", "missing != 'x'", "NOT missing = 'x'", "level > 2", "level = 3", "$body.ok > false",
            "missing = 'x' OR missing = 'y'", "missing", "alert"})
    void undefinedAndMismatchedTypesNeverRoute(String condition) {
        assertThat(test(condition)).as(condition).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"missing = 'x' OR alert = 'yes'", "NOT (missing = 'x' AND alert = 'no')"})
    void aTrueOrAFalseOperandDecidesDespiteAnUndefinedOne(String condition) {
        assertThat(test(condition)).as(condition).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "alert =                | ends where an operand should follow",
            "alert = 'open          | string literal is not closed",
            "(alert = 'x'           | it ends where ')' should follow",
            "alert = 'x' extra      | 'extra' is not expected here",
            "alert # 'x'            | unexpected character '#'",
            "alert = 1.2.3          | '1.2.3' is not a number",
            "= 'x'                  | '=' is not a property reference",
    })
    void malformedConditionsAreRefusedWithTheReason(String condition, String reason) {
        assertThatThrownBy(() -> RouteCondition.parse(condition))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("WHERE " + condition)
                .hasMessageContaining(reason);
    }
}
