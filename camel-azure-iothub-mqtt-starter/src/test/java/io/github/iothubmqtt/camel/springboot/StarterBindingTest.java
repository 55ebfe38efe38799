package io.github.iothubmqtt.camel.springboot;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.test.EmulatedHub;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The symptom of issue 9 and its fix: a Spring Boot application configured only by camel.component.iothub-mqtt.*
 * properties. The hub is the test kit's shared emulator, taken directly (not through @IotHubTest, which would
 * configure the component itself and hide the symptom); the JVM's end closes it.
 */
class StarterBindingTest {

    private static final String PREFIX = "camel.component.iothub-mqtt.";

    private final EmulatedHub hub = EmulatedHub.shared();

    @Test
    void withoutTheStarterThePropertiesAreNotApplied() {
        Map<String, Object> properties = deviceProperties("boot-sensor-1");
        properties.put("spring.autoconfigure.exclude", IotHubMqttComponentAutoConfiguration.class.getName());

        assertThatThrownBy(() -> start(properties).close()).hasStackTraceContaining("hostName is missing");
    }

    @Test
    void theStarterAppliesThemAndTheDeviceSendsTelemetry() {
        Map<String, Object> properties = deviceProperties("boot-sensor-2");
        properties.put(PREFIX + "request-timeout", "8s");
        properties.put(PREFIX + "body-type", "String");

        try (ConfigurableApplicationContext application = start(properties)) {
            CamelContext camel = application.getBean(CamelContext.class);
            camel.createProducerTemplate().sendBody("direct:reading", "{\"temperature\":20}");

            assertThat(hub.service().awaitTelemetry(hub.device("boot-sensor-2"), 1, Duration.ofSeconds(20)).get(0)
                    .bodyAsString()).isEqualTo("{\"temperature\":20}");
            IotHubMqttComponent component = camel.getComponent("iothub-mqtt", IotHubMqttComponent.class);
            assertThat(component.getConfiguration().getRequestTimeout()).isEqualTo(8000);
            assertThat(component.getConfiguration().getBodyType().name()).isEqualTo("String");
            assertThat(component.getConfiguration().getSslContextParameters()).isSameAs(application.getBean("emulatorTrust"));
        }
    }

    @Test
    void enabledFalseLeavesTheComponentUnconfigured() {
        Map<String, Object> properties = deviceProperties("boot-sensor-3");
        properties.put(PREFIX + "enabled", "false");

        assertThatThrownBy(() -> start(properties).close()).hasStackTraceContaining("hostName is missing");
    }

    private Map<String, Object> deviceProperties(String deviceId) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(PREFIX + "connection-string", hub.connectionString(deviceId));
        properties.put(PREFIX + "port", hub.port());
        properties.put(PREFIX + "ssl-context-parameters", "#emulatorTrust");
        return properties;
    }

    private ConfigurableApplicationContext start(Map<String, Object> properties) {
        return new SpringApplicationBuilder(DeviceApplication.class).web(WebApplicationType.NONE).properties(properties)
                .initializers(context -> context.getBeanFactory().registerSingleton("emulatorTrust", hub.trust()))
                .run();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DeviceApplication {

        @Bean
        RouteBuilder telemetryRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:reading").to("iothub-mqtt:telemetry");
                }
            };
        }
    }
}
