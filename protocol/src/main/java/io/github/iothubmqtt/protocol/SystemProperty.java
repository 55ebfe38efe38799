package io.github.iothubmqtt.protocol;

import java.util.Set;

/** Short names of IoT Hub's system properties in MQTT property bags. */
public final class SystemProperty {

    public static final String MESSAGE_ID = "$.mid";
    public static final String CORRELATION_ID = "$.cid";
    public static final String USER_ID = "$.uid";
    public static final String TO = "$.to";
    public static final String EXPIRY = "$.exp";
    public static final String CONTENT_TYPE = "$.ct";
    public static final String CONTENT_ENCODING = "$.ce";
    public static final String CREATION_TIME = "$.ctime";
    public static final String OUTPUT_NAME = "$.on";
    public static final String CONNECTION_DEVICE_ID = "$.cdid";
    public static final String CONNECTION_MODULE_ID = "$.cmid";
    public static final String INTERFACE_ID = "$.ifid";
    public static final String COMPONENT_NAME = "$.sub";
    /** C2D feedback request; not {@code $}-prefixed but a system property all the same. */
    public static final String ACK = "iothub-ack";

    private static final Set<String> ALL = Set.of(MESSAGE_ID, CORRELATION_ID, USER_ID, TO, EXPIRY, CONTENT_TYPE,
            CONTENT_ENCODING, CREATION_TIME, OUTPUT_NAME, CONNECTION_DEVICE_ID, CONNECTION_MODULE_ID, INTERFACE_ID,
            COMPONENT_NAME, ACK);

    private SystemProperty() {
    }

    /** Whether the key is a system property: a known one or any {@code $.}-prefixed key. */
    public static boolean isSystem(String key) {
        return ALL.contains(key) || key.startsWith("$.");
    }
}
