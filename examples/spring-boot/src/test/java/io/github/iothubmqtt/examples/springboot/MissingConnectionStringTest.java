package io.github.iothubmqtt.examples.springboot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Started without its device, the application stops at once and names the variable to set. */
@DisabledIfEnvironmentVariable(named = "IOTHUB_DEVICE_CONNECTION_STRING", matches = ".*")
class MissingConnectionStringTest {

    @Test
    void theStartFailsNamingTheVariable() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ThermostatSpringBootApplication.class)
                .web(WebApplicationType.NONE).properties("camel.main.run-controller=false").run().close())
                .hasStackTraceContaining("Could not resolve placeholder 'IOTHUB_DEVICE_CONNECTION_STRING'");
    }
}
