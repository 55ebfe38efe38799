package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class ComponentCommandTest {

    @ParameterizedTest(name = "{0} -> component {1}, command {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "thermostat1*getMaxMinReport|thermostat1|getMaxMinReport",
            "reboot|-|reboot",
            "a*b*c|a|b*c",
            "*reboot|-|*reboot",
            "reboot*|-|reboot*",
            "*|-|*",
    })
    void splitsAtTheFirstStarWhenBothSidesHaveText(String methodName, String component, String command) {
        ComponentCommand parsed = ComponentCommand.parse(methodName);
        assertThat(parsed.component()).isEqualTo(component);
        assertThat(parsed.command()).isEqualTo(command);
        assertThat(parsed.methodName()).isEqualTo(methodName);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEmptyNameIsRefused(String methodName) {
        assertThatThrownBy(() -> ComponentCommand.parse(methodName)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("method name is empty");
    }

    @Property(tries = 200)
    void componentAndCommandRoundTrip(@ForAll @AlphaChars @StringLength(min = 1, max = 20) String component,
            @ForAll @AlphaChars @StringLength(min = 1, max = 20) String command) {
        ComponentCommand parsed = ComponentCommand.parse(new ComponentCommand(component, command).methodName());
        assertThat(parsed).isEqualTo(new ComponentCommand(component, command));
    }
}
