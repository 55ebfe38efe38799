package io.github.iothubmqtt.camel;

import org.apache.camel.spi.Metadata;

/** Message headers of the iothub-mqtt component. */
public final class IotHubMqttConstants {

    private static final String PREFIX = "CamelIotHubMqtt";

    @Metadata(description = "The message id (`$.mid`).", javaType = "String")
    public static final String MESSAGE_ID = PREFIX + "MessageId";
    @Metadata(description = "The correlation id (`$.cid`).", javaType = "String")
    public static final String CORRELATION_ID = PREFIX + "CorrelationId";
    @Metadata(description = "The user id (`$.uid`).", javaType = "String")
    public static final String USER_ID = PREFIX + "UserId";
    @Metadata(description = "The content type of the body (`$.ct`). Telemetry: defaults to `application/json` when the"
                            + " body was serialized to JSON.",
              javaType = "String")
    public static final String CONTENT_TYPE = PREFIX + "ContentType";
    @Metadata(description = "The content encoding of the body (`$.ce`). Telemetry: defaults to `utf-8` when the body"
                            + " was serialized to JSON.",
              javaType = "String")
    public static final String CONTENT_ENCODING = PREFIX + "ContentEncoding";
    @Metadata(description = "The absolute expiry time (`$.exp`), as written on the wire (ISO 8601).", javaType = "String")
    public static final String EXPIRY_TIME = PREFIX + "ExpiryTime";
    @Metadata(label = "producer", description = "The creation time (`$.ctime`), as the hub expects it (ISO 8601 UTC).",
              javaType = "String")
    public static final String CREATION_TIME = PREFIX + "CreationTime";
    @Metadata(label = "producer", description = "The IoT Plug and Play component the telemetry belongs to (`$.sub`).",
              javaType = "String")
    public static final String COMPONENT_NAME = PREFIX + "ComponentName";
    @Metadata(label = "consumer", description = "The destination of a cloud-to-device message (`$.to`).",
              javaType = "String")
    public static final String TO = PREFIX + "To";
    @Metadata(label = "consumer", description = "The feedback the sender of a cloud-to-device message asked for"
                                                + " (`iothub-ack`: none, positive, negative or full).",
              javaType = "String")
    public static final String ACK = PREFIX + "Ack";
    @Metadata(label = "consumer", description = "The MQTT topic the cloud-to-device message arrived on.", javaType = "String")
    public static final String TOPIC = PREFIX + "Topic";
    @Metadata(label = "producer", description = "Status endpoint: whether the identity's connection is up.",
              javaType = "Boolean")
    public static final String CONNECTED = PREFIX + "Connected";
    @Metadata(label = "producer", description = "Status endpoint: why the last connection ended (e.g. SAS_RENEWAL,"
                                                + " KICKED_BY_SECOND_CLIENT, NETWORK_ERROR).",
              javaType = "String")
    public static final String DISCONNECT_REASON = PREFIX + "DisconnectReason";
    @Metadata(label = "producer", description = "Status endpoint: connections re-established after unplanned disconnects.",
              javaType = "Long")
    public static final String RECONNECT_COUNT = PREFIX + "ReconnectCount";

    private IotHubMqttConstants() {
    }
}
