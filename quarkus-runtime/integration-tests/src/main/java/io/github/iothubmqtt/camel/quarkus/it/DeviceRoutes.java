package io.github.iothubmqtt.camel.quarkus.it;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Java device's routes; it is the component's default identity (camel.component.iothub-mqtt.connection-string).
 * The YAML device, with its own identity, does the same in routes/yaml-device.camel.yaml.
 */
public class DeviceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("iothub-mqtt:c2d").routeId("java-c2d-echo")
                .setBody(simple("echo: ${body}"))
                .to("iothub-mqtt:telemetry");

        // desired patches, and the whole desired document once after each connect (the resync)
        from("iothub-mqtt:twin").routeId("java-report-target-temperature")
                .filter(simple("${body[targetTemperature]} != null"))
                .setBody(simple("{\"targetTemperature\":${body[targetTemperature]}}"))
                .to("iothub-mqtt:twin?operation=updateReported");

        from("iothub-mqtt:methods?methodName=getMaxMinReport").routeId("java-get-max-min-report")
                .setBody(simple("{\"since\":\"${body[since]}\",\"maxTemp\":23.5}"));
    }
}
