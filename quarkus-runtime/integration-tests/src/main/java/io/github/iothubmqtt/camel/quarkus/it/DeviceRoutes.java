package io.github.iothubmqtt.camel.quarkus.it;

import org.apache.camel.builder.RouteBuilder;

/** The device's Java routes; the YAML ones are in routes/device.camel.yaml. */
public class DeviceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from("iothub-mqtt:c2d").routeId("java-c2d-echo")
                .setBody(simple("echo: ${body}"))
                .setHeader("source", constant("java-route"))
                .to("iothub-mqtt:telemetry");
    }
}
