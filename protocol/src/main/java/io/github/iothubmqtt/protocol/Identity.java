package io.github.iothubmqtt.protocol;

import java.util.Objects;

/**
 * A device or module identity. Its MQTT client id is {@code deviceId} or {@code deviceId/moduleId}.
 *
 * @param deviceId the device id
 * @param moduleId the module id, or {@code null} for a device
 */
public record Identity(String deviceId, String moduleId) {

    private static final int MAX_ID_LENGTH = 128;
    /** Device and module ids: ASCII alphanumerics plus these characters (device identity properties table). */
    private static final String ID_PUNCTUATION = "-.%_*?!(),:=@$'";

    public Identity {
        checkId("device id", deviceId);
        if (moduleId != null) {
            checkId("module id", moduleId);
        }
    }

    public static Identity device(String deviceId) {
        return new Identity(deviceId, null);
    }

    public static Identity module(String deviceId, String moduleId) {
        return new Identity(deviceId, Objects.requireNonNull(moduleId, "module id"));
    }

    /** Reads an MQTT client id: {@code deviceId} or {@code deviceId/moduleId}. */
    public static Identity fromClientId(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw new IllegalArgumentException("client id is empty: IoT Hub expects {deviceId} or {deviceId}/{moduleId}");
        }
        String[] parts = clientId.split("/", -1);
        return switch (parts.length) {
            case 1 -> device(parts[0]);
            case 2 -> module(parts[0], parts[1]);
            default -> throw new IllegalArgumentException(
                    "client id " + ClientText.quote(clientId)
                            + " has more than one '/': IoT Hub expects {deviceId} or {deviceId}/{moduleId}");
        };
    }

    public boolean isModule() {
        return moduleId != null;
    }

    public String clientId() {
        return isModule() ? deviceId + "/" + moduleId : deviceId;
    }

    /** The path used in topics and SAS audiences: {@code devices/{d}} or {@code devices/{d}/modules/{m}}. */
    public String devicesPath() {
        return isModule() ? "devices/" + deviceId + "/modules/" + moduleId : "devices/" + deviceId;
    }

    @Override
    public String toString() {
        return clientId();
    }

    private static void checkId(String what, String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    what + " is " + id.length() + " characters long; IoT Hub allows at most " + MAX_ID_LENGTH);
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || ID_PUNCTUATION.indexOf(c) >= 0);
            if (!allowed) {
                throw new IllegalArgumentException(what + " " + ClientText.quote(id) + " contains '" + ClientText.escape(c)
                        + "': IoT Hub allows ASCII letters, digits and " + ID_PUNCTUATION);
            }
        }
    }
}
