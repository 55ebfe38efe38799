package io.github.iothubmqtt.docs;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

/** The iothub-mqtt routes docs/migration.md shows, run by {@link MigrationRoutesTest}. */
class MigrationRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // tag::telemetry[]
        from("timer:t?period=10000")
                .setBody(constant("{\"temperature\":21.5}"))
                .setHeader("CamelIotHubMqttContentType", constant("application/json"))
                .setHeader("CamelIotHubMqttContentEncoding", constant("utf-8"))
                .setHeader("unit", constant("celsius"))
                .to("iothub-mqtt:telemetry?connectionString=RAW({{device.connectionString}})");
        // end::telemetry[]

        // tag::connection-status[]
        from("timer:health?period=30000")
                .to("iothub-mqtt:status?connectionString=RAW({{device.connectionString}})")
                .filter(header("CamelIotHubMqttConnected").isEqualTo(false))
                .log(LoggingLevel.WARN, "device offline: ${header.CamelIotHubMqttDisconnectReason}");
        // end::connection-status[]
    }
}
