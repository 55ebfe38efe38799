package com.example;

import java.util.Map;

import io.github.iothubmqtt.camel.IotHubMqttConstants;
import org.apache.camel.builder.RouteBuilder;

public class DeviceRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // tag::routes[]
        // device-to-cloud telemetry: a Map body is sent as JSON, headers become application properties
        from("timer:telemetry?period=5000").routeId("telemetry").setBody(constant(Map.of("temperature", 21.5)))
                .setHeader("unit", constant("celsius")).to("iothub-mqtt:telemetry")
                .log("telemetry acknowledged by the hub: ${body}");

        // cloud-to-device messages: acknowledged only when the route succeeded
        from("iothub-mqtt:c2d").routeId("c2d").log("message ${header.CamelIotHubMqttMessageId}: ${bodyAs(String)}");

        // desired properties: the whole document after each (re)connect, then patches; report what was applied
        from("iothub-mqtt:twin").routeId("desired-properties").filter(simple("${body[targetTemperature]} != null"))
                .log("desired targetTemperature: ${body[targetTemperature]}")
                .setBody(simple("{\"targetTemperature\": ${body[targetTemperature]}}"))
                .to("iothub-mqtt:twin?operation=updateReported");

        // a direct method: the reply is the response, status 200 unless CamelIotHubMqttMethodStatus says otherwise
        from("iothub-mqtt:methods?methodName=reboot").routeId("reboot").log("method reboot: ${bodyAs(String)}")
                .setBody(constant("{\"rebooting\": true}")).setHeader(IotHubMqttConstants.METHOD_STATUS, constant(202));
        // end::routes[]
    }
}
