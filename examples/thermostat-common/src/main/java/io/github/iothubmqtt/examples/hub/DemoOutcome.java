package io.github.iothubmqtt.examples.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.TelemetryMessage;

/**
 * What the cloud side saw of the device during the demo.
 *
 * @param desiredVersion the desired properties' version that set the target temperature
 * @param reportedTargetTemperature the device's acknowledgement of that target, a reported property
 */
public record DemoOutcome(TelemetryMessage firstTelemetry, long desiredVersion, JsonNode reportedTargetTemperature,
        MethodResult maxMinReport, MethodResult reboot) {
}
