package io.github.iothubmqtt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.github.iothubmqtt.protocol.Identity;

/**
 * A device-to-cloud message as the hub hands it on: body, system properties (the device's {@code $.} keys plus
 * what the hub stamps, such as {@code iothub-connection-device-id}) and application properties.
 */
public record TelemetryMessage(Identity identity, byte[] body, Map<String, String> systemProperties,
        Map<String, String> applicationProperties, Instant enqueuedTime) {

    public TelemetryMessage {
        systemProperties = Map.copyOf(systemProperties);
        applicationProperties = Map.copyOf(applicationProperties);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "TelemetryMessage[" + identity + ", " + body.length + " bytes, system=" + systemProperties
                + ", application=" + applicationProperties + ", enqueued=" + enqueuedTime + "]";
    }
}
