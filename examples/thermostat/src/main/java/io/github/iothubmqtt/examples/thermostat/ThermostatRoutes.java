package io.github.iothubmqtt.examples.thermostat;

import io.github.iothubmqtt.camel.IotHubMqttConstants;
import org.apache.camel.builder.RouteBuilder;

/** The thermostat as an IoT Hub device: each route is one of its conversations with the hub. */
public class ThermostatRoutes extends RouteBuilder {

    private final Thermostat thermostat = new Thermostat();

    @Override
    public void configure() {
        from("timer:telemetry?period=1000").routeId("telemetry")
                .setBody(method(thermostat, "readTemperature"))
                // an application property, for the hub's message routing
                .setHeader("temperatureAlert", simple("${body[temperature]} > 30", Boolean.class))
                .to("iothub-mqtt:telemetry")
                .log("Sent ${body} with temperatureAlert=${header.temperatureAlert}");

        from("timer:startup?repeatCount=1").routeId("startup-properties")
                .setBody(method(thermostat, "startupProperties"))
                .to("iothub-mqtt:twin?operation=updateReported")
                .log("Reported the startup properties ${body}");

        // the first exchange is the whole desired document (a resync), the next ones are patches
        from("iothub-mqtt:twin").routeId("desired-properties")
                .filter(simple("${body[targetTemperature]} != null"))
                .setBody(method(thermostat, "applyTargetTemperature(${body[targetTemperature]})"))
                // answered {value, ac: 200, av: the desired $version, ad}, as IoT Plug and Play has it
                .setHeader(IotHubMqttConstants.PROPERTY_ACK_DESCRIPTION, simple("heading for ${body[targetTemperature]} °C"))
                .to("iothub-mqtt:twin?operation=acknowledgeDesired")
                .log("Applied the desired targetTemperature and reported ${body}");

        from("iothub-mqtt:methods?methodName=getMaxMinReport").routeId("getMaxMinReport")
                .setBody(method(thermostat, "maxMinReport"))
                .log("Answered getMaxMinReport with ${body}");

        from("iothub-mqtt:methods?methodName=reboot").routeId("reboot")
                .setBody(method(thermostat, "reboot"))
                // 202: the reboot is accepted and happens after the answer
                .setHeader(IotHubMqttConstants.METHOD_STATUS, constant(202))
                .log("Rebooting: the statistics start over");

        from("iothub-mqtt:c2d").routeId("c2d")
                .log("Message from the cloud: ${bodyAs(String)}");
    }
}
