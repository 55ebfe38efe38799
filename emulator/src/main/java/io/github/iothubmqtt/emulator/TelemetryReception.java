package io.github.iothubmqtt.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.github.iothubmqtt.protocol.Telemetry;

/**
 * Turns a telemetry PUBLISH into the message IoT Hub routes: the bag split into system and application properties,
 * the hub's own stamps added (connection, generation, enqueued time, message source, and the IoT Plug and Play
 * model and component). Throws {@link IllegalArgumentException} for whatever makes the hub close the
 * connection (wrong topic or identity, bad bag, over 256 KB).
 */
final class TelemetryReception {

    static final String RETAIN_PROPERTY = "mqtt-retain";
    static final String MESSAGE_TYPE_PROPERTY = "iothub-MessageType";

    private TelemetryReception() {
    }

    static TelemetryMessage receive(ConnectAuthenticator.Admission connection, String topic, byte[] body, boolean retain,
            boolean will) {
        Identity sender = connection.identity();
        Telemetry.Topic parsed = Telemetry.parse(topic);
        if (!parsed.identity().equals(sender)) {
            throw new IllegalArgumentException(sender + " published to " + parsed.identity() + "'s telemetry topic");
        }
        Telemetry.checkProperties(parsed.properties());
        int size = Telemetry.messageSize(body, parsed.properties());
        if (size > HubLimits.MAX_TELEMETRY_BYTES) {
            throw new IllegalArgumentException("a telemetry message of " + size + " bytes exceeds IoT Hub's limit of "
                    + HubLimits.MAX_TELEMETRY_BYTES);
        }
        Instant enqueued = Instant.now();
        Map<String, String> system = new LinkedHashMap<>();
        Map<String, String> application = new LinkedHashMap<>();
        parsed.properties().forEach((key, value) -> {
            String text = value == null ? "" : value;
            if (SystemProperty.isSystem(key)) {
                system.put(key, text);
            } else {
                application.put(key, text);
            }
        });
        system.put("iothub-connection-device-id", sender.deviceId());
        if (sender.isModule()) {
            system.put("iothub-connection-module-id", sender.moduleId());
        }
        system.put("iothub-connection-auth-method",
                "{\"scope\":\"" + (sender.isModule() ? "module" : "device") + "\",\"type\":\"" + connection.authType()
                        + "\",\"issuer\":\"iothub\",\"acceptingIpFilterRule\":null}");
        system.put("iothub-connection-auth-generation-id", connection.generationId());
        system.put("iothub-enqueuedtime", enqueued.toString());
        system.put("iothub-message-source", "Telemetry");
        // IoT Plug and Play: the model the connection announced, and the component of a $.sub message
        if (connection.modelId() != null && !connection.modelId().isEmpty()) {
            system.put("dt-dataschema", connection.modelId());
        }
        if (parsed.properties().get(SystemProperty.COMPONENT_NAME) != null) {
            system.put("dt-subject", parsed.properties().get(SystemProperty.COMPONENT_NAME));
        }
        if (retain) {
            application.put(RETAIN_PROPERTY, "true");
        }
        if (will) {
            application.put(MESSAGE_TYPE_PROPERTY, "Will");
        }
        return new TelemetryMessage(sender, body, system, application, enqueued);
    }
}
