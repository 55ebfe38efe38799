package io.github.iothubmqtt.camel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iothubmqtt.protocol.SystemProperty;

/** Which header carries which IoT Hub system property, in each direction. */
final class SystemPropertyHeaders {

    /** Headers a telemetry exchange may set, in the order the Java SDK writes them. */
    static final Map<String, String> TELEMETRY = orderedMap(
            IotHubMqttConstants.MESSAGE_ID, SystemProperty.MESSAGE_ID,
            IotHubMqttConstants.CORRELATION_ID, SystemProperty.CORRELATION_ID,
            IotHubMqttConstants.USER_ID, SystemProperty.USER_ID,
            IotHubMqttConstants.OUTPUT_NAME, SystemProperty.OUTPUT_NAME,
            IotHubMqttConstants.CONTENT_ENCODING, SystemProperty.CONTENT_ENCODING,
            IotHubMqttConstants.CONTENT_TYPE, SystemProperty.CONTENT_TYPE,
            IotHubMqttConstants.CREATION_TIME, SystemProperty.CREATION_TIME,
            IotHubMqttConstants.COMPONENT_NAME, SystemProperty.COMPONENT_NAME,
            IotHubMqttConstants.EXPIRY_TIME, SystemProperty.EXPIRY);

    /** System properties of a cloud-to-device message and their headers. */
    static final Map<String, String> CLOUD_TO_DEVICE = Map.of(
            SystemProperty.MESSAGE_ID, IotHubMqttConstants.MESSAGE_ID,
            SystemProperty.CORRELATION_ID, IotHubMqttConstants.CORRELATION_ID,
            SystemProperty.USER_ID, IotHubMqttConstants.USER_ID,
            SystemProperty.TO, IotHubMqttConstants.TO,
            SystemProperty.EXPIRY, IotHubMqttConstants.EXPIRY_TIME,
            SystemProperty.CONTENT_TYPE, IotHubMqttConstants.CONTENT_TYPE,
            SystemProperty.CONTENT_ENCODING, IotHubMqttConstants.CONTENT_ENCODING,
            SystemProperty.ACK, IotHubMqttConstants.ACK);

    /** System properties of a message routed to a module input and their headers. */
    static final Map<String, String> MODULE_INPUT = Map.of(
            SystemProperty.MESSAGE_ID, IotHubMqttConstants.MESSAGE_ID,
            SystemProperty.CORRELATION_ID, IotHubMqttConstants.CORRELATION_ID,
            SystemProperty.USER_ID, IotHubMqttConstants.USER_ID,
            SystemProperty.EXPIRY, IotHubMqttConstants.EXPIRY_TIME,
            SystemProperty.CONTENT_TYPE, IotHubMqttConstants.CONTENT_TYPE,
            SystemProperty.CONTENT_ENCODING, IotHubMqttConstants.CONTENT_ENCODING,
            SystemProperty.CREATION_TIME, IotHubMqttConstants.CREATION_TIME,
            SystemProperty.COMPONENT_NAME, IotHubMqttConstants.COMPONENT_NAME,
            SystemProperty.CONNECTION_DEVICE_ID, IotHubMqttConstants.CONNECTION_DEVICE_ID,
            SystemProperty.CONNECTION_MODULE_ID, IotHubMqttConstants.CONNECTION_MODULE_ID);

    private SystemPropertyHeaders() {
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        LinkedHashMap<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
