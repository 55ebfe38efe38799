package io.github.iothubmqtt.camel.quarkus.it;

import org.apache.camel.builder.RouteBuilder;

/**
 * The Java device's routes; it is the component's default identity (camel.component.iothub-mqtt.connection-string).
 * The YAML device, with its own identity, is in routes/yaml-device.camel.yaml.
 */
public class DeviceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("iothub-mqtt:c2d").routeId("java-c2d-echo")
                .setBody(simple("echo: ${body}"))
                .to("iothub-mqtt:telemetry");
    }
}
