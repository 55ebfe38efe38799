package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/**
 * IoT Plug and Play end to end against the emulator: the model id announced at CONNECT, component telemetry,
 * writable-property acknowledgements and component commands. The component is configured once for the test's
 * device, as an application configures it, so the routes read as they would in one.
 */
class PlugAndPlayTest extends EmulatorTestSupport {

    private static final String MODEL = "dtmi:com:example:TemperatureController;2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Identity useDevice(String prefix) {
        Identity device = newDevice(prefix);
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();
        configuration.setConnectionString(hub.connectionString(device));
        configuration.setPort(hub.mqttPort());
        configuration.setSslContextParameters(Trust.trusting(hub.trustStore()));
        configuration.setModelId(MODEL);
        return device;
    }

    @Test
    void theModelIdAndTheComponentOfTelemetryReachTheHub() throws Exception {
        Identity device = useDevice("pnp-telemetry");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // tag::component-telemetry[]
                from("direct:thermostat1")
                        .setHeader(IotHubMqttConstants.COMPONENT_NAME, constant("thermostat1"))
                        .to("iothub-mqtt:telemetry");
                // end::component-telemetry[]
            }
        });

        template.sendBody("direct:thermostat1", Map.of("temperature", 21.5));
        template.sendBody("iothub-mqtt:telemetry", Map.of("workingSet", 1024));

        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, 2, WAIT);
        assertThat(hub.service().modelId(device)).as("model-id= in the user name").isEqualTo(MODEL);
        assertThat(received.get(0).systemProperties()).containsEntry("$.sub", "thermostat1")
                .containsEntry("dt-subject", "thermostat1").containsEntry("dt-dataschema", MODEL);
        assertThat(received.get(1).systemProperties()).containsEntry("dt-dataschema", MODEL)
                .doesNotContainKeys("$.sub", "dt-subject");
    }

    @Test
    void desiredPropertiesAreAcknowledgedAtTheRootAndInsideTheirComponent() throws Exception {
        Identity device = useDevice("pnp-ack");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // tag::acknowledge-desired[]
                from("iothub-mqtt:twin")
                        .choice()
                        .when(simple("${body[thermostat1][targetTemperature]} > 35"))
                        .setHeader(IotHubMqttConstants.PROPERTY_ACK_CODE, constant(400))
                        .setHeader(IotHubMqttConstants.PROPERTY_ACK_DESCRIPTION, constant("above 35 °C"))
                        .end()
                        .to("iothub-mqtt:twin?operation=acknowledgeDesired");
                // end::acknowledge-desired[]
            }
        });

        long first = hub.service().updateDesired(device,
                "{\"fanSpeed\":3,\"thermostat1\":{\"__t\":\"c\",\"targetTemperature\":20}}");
        JsonNode reported = awaitReported(device, first);
        assertThat(reported.path("fanSpeed")).isEqualTo(JSON.readTree("{\"value\":3,\"ac\":200,\"av\":" + first + "}"));
        assertThat(reported.path("thermostat1")).isEqualTo(JSON.readTree(
                "{\"__t\":\"c\",\"targetTemperature\":{\"value\":20,\"ac\":200,\"av\":" + first + "}}"));

        long second = hub.service().updateDesired(device, "{\"thermostat1\":{\"__t\":\"c\",\"targetTemperature\":40}}");
        assertThat(awaitReported(device, second).path("thermostat1").path("targetTemperature")).isEqualTo(JSON.readTree(
                "{\"value\":40,\"ac\":400,\"av\":" + second + ",\"ad\":\"above 35 °C\"}"));
    }

    @Test
    void flatValuesAreAcknowledgedInTheComponentOfTheHeader() throws Exception {
        Identity device = useDevice("pnp-flat");

        Exchange reply = template.request("iothub-mqtt:twin?operation=acknowledgeDesired", exchange -> {
            exchange.getMessage().setBody(Map.of("targetTemperature", 19.5));
            exchange.getMessage().setHeader(IotHubMqttConstants.COMPONENT_NAME, "thermostat2");
            exchange.getMessage().setHeader(IotHubMqttConstants.DESIRED_VERSION, 7L);
            exchange.getMessage().setHeader(IotHubMqttConstants.PROPERTY_ACK_CODE, 202);
            exchange.getMessage().setHeader(IotHubMqttConstants.PROPERTY_ACK_DESCRIPTION, "heating");
        });

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION, Long.class)).isEqualTo(2L);
        assertThat(hub.service().twin(device).path("reported").path("thermostat2")).isEqualTo(JSON.readTree(
                "{\"__t\":\"c\",\"targetTemperature\":{\"value\":19.5,\"ac\":202,\"av\":7,\"ad\":\"heating\"}}"));
    }

    @Test
    void anAcknowledgementWithoutTheDesiredVersionFailsAndNothingIsSent() {
        Identity device = useDevice("pnp-no-version");

        Exchange reply = template.request("iothub-mqtt:twin?operation=acknowledgeDesired",
                exchange -> exchange.getMessage().setBody(Map.of("targetTemperature", 19.5)));

        assertThat(reply.getException()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(IotHubMqttConstants.DESIRED_VERSION);
        assertThat(hub.service().twin(device).path("reported").path("$version").asLong()).isEqualTo(1L);
    }

    @Test
    void withNothingToAcknowledgeTheExchangeCompletesWithoutAPatch() {
        Identity device = useDevice("pnp-nothing");

        Exchange reply = template.request("iothub-mqtt:twin?operation=acknowledgeDesired", exchange -> {
            exchange.getMessage().setBody("{\"$version\":1}");
            exchange.getMessage().setHeader(IotHubMqttConstants.DESIRED_VERSION, 1L);
        });

        assertThat(reply.getException()).isNull();
        assertThat(reply.getMessage().getHeader(IotHubMqttConstants.REPORTED_VERSION)).isNull();
        assertThat(hub.service().twin(device).path("reported").path("$version").asLong()).isEqualTo(1L);
    }

    @Test
    void componentCommandsArriveWithTheComponentAndTheCommandInTheirOwnHeaders() throws Exception {
        Identity device = useDevice("pnp-commands");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // tag::component-command[]
                from("iothub-mqtt:methods?methodName=thermostat1*getMaxMinReport")
                        .to("direct:thermostat1-report");
                from("iothub-mqtt:methods")
                        .setBody(simple("{\"component\":\"${header.CamelIotHubMqttComponentName}\","
                                + "\"command\":\"${header.CamelIotHubMqttCommandName}\"}"));
                // end::component-command[]
                from("direct:thermostat1-report").setBody(constant(Map.of("maxTemp", 25.3)));
            }
        });

        assertThat(json(invoke(device, "thermostat1*getMaxMinReport"))).isEqualTo(JSON.readTree("{\"maxTemp\":25.3}"));
        assertThat(json(invoke(device, "thermostat2*getMaxMinReport")))
                .isEqualTo(JSON.readTree("{\"component\":\"thermostat2\",\"command\":\"getMaxMinReport\"}"));
        assertThat(json(invoke(device, "reboot"))).as("the default component: no component header")
                .isEqualTo(JSON.readTree("{\"component\":\"\",\"command\":\"reboot\"}"));
    }

    private static JsonNode awaitReported(Identity device, long desiredVersion) {
        return hub.service().awaitTwin(device, twin -> twin.path("reported").toString().contains("\"av\":" + desiredVersion),
                WAIT).path("reported");
    }

    private static MethodResult invoke(Identity device, String method) throws Exception {
        return hub.service().invokeMethod(device, method, "{}", Duration.ofSeconds(30), Duration.ofSeconds(20))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static JsonNode json(MethodResult result) throws Exception {
        return JSON.readTree(result.payloadJson());
    }
}
