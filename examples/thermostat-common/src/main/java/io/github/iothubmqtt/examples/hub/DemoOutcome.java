package io.github.iothubmqtt.examples.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.TelemetryMessage;

/** What the cloud side saw of the device during the demo. */
public record DemoOutcome(TelemetryMessage firstTelemetry, JsonNode reportedTargetTemperature, MethodResult maxMinReport,
        MethodResult reboot) {
}
