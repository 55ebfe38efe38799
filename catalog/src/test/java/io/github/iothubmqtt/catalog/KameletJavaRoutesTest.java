package io.github.iothubmqtt.catalog;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java routes of the catalog's README, as written there: Kamelet URIs with the connection string from a property
 * placeholder inside {@code RAW(...)}. One device sends telemetry and answers a method on one connection.
 */
class KameletJavaRoutesTest extends KameletTestSupport {

    private static Identity device;

    /** Before the test instance: Camel Test reads the properties while constructing it. */
    @BeforeAll
    static void registerDevice() {
        device = newDevice("java-routes");
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("device.connectionString", hub.connectionString(device));
        properties.setProperty("hub.port", String.valueOf(hub.mqttPort()));
        return properties;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // tag::java-routes[]
                from("timer:tick?period=1000")
                        .setBody(constant("{\"temperature\":21.5}"))
                        .to("kamelet:iothub-telemetry-sink?connectionString=RAW({{device.connectionString}})"
                                + "&port={{hub.port}}&sslContextParameters=#hubTls");

                from("kamelet:iothub-direct-method-source?connectionString=RAW({{device.connectionString}})"
                        + "&port={{hub.port}}&sslContextParameters=#hubTls")
                        .setBody(constant("{\"rebooted\":true}")); // the reply of the method call
                // end::java-routes[]
            }
        };
    }

    @Test
    void theTimerSendsTelemetryAndTheMethodRouteAnswers() throws Exception {
        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, 1, WAIT);
        assertThat(received.get(0).bodyAsString()).isEqualTo("{\"temperature\":21.5}");

        MethodResult result = hub.service().invokeMethod(device, "reboot", "{}", WAIT, WAIT).get(WAIT.toSeconds(),
                TimeUnit.SECONDS);
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.payloadJson()).isEqualTo("{\"rebooted\":true}");
    }
}
