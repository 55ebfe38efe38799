package io.github.iothubmqtt.camel;

import org.apache.camel.spi.Metadata;

/** Message headers of the iothub-mqtt component. */
public final class IotHubMqttConstants {

    private static final String PREFIX = "CamelIotHubMqtt";

    @Metadata(description = "The identity (`deviceId`, or `deviceId/moduleId` for a module) of an endpoint with a"
            + " `fleet`: the one to act as (producer; required there) or the one that received the message (consumer,"
            + " set on every endpoint).", javaType = "String")
    public static final String IDENTITY = PREFIX + "Identity";
    @Metadata(description = "The message id (`$.mid`).", javaType = "String")
    public static final String MESSAGE_ID = PREFIX + "MessageId";
    @Metadata(description = "The correlation id (`$.cid`).", javaType = "String")
    public static final String CORRELATION_ID = PREFIX + "CorrelationId";
    @Metadata(description = "The user id (`$.uid`).", javaType = "String")
    public static final String USER_ID = PREFIX + "UserId";
    @Metadata(description = "The content type of the body (`$.ct`). Telemetry: defaults to `application/json` when the"
            + " body was serialized to JSON.", javaType = "String")
    public static final String CONTENT_TYPE = PREFIX + "ContentType";
    @Metadata(description = "The content encoding of the body (`$.ce`). Telemetry: defaults to `utf-8` when the body"
            + " was serialized to JSON.", javaType = "String")
    public static final String CONTENT_ENCODING = PREFIX + "ContentEncoding";
    @Metadata(description = "The absolute expiry time (`$.exp`), as written on the wire (ISO 8601).", javaType = "String")
    public static final String EXPIRY_TIME = PREFIX + "ExpiryTime";
    @Metadata(description = "The creation time (`$.ctime`), as the hub expects it (ISO 8601 UTC).", javaType = "String")
    public static final String CREATION_TIME = PREFIX + "CreationTime";
    @Metadata(description = "The IoT Plug and Play component: of the telemetry (`$.sub`, producer), of the writable"
            + " properties acknowledged (twin producer, acknowledgeDesired), of the command called"
            + " (methods consumer, absent for the default component).", javaType = "String")
    public static final String COMPONENT_NAME = PREFIX + "ComponentName";
    @Metadata(label = "producer", description = "Telemetry of an IoT Edge module: the output it is sent to (`$.on`),"
            + " overriding the endpoint's `outputName`.", javaType = "String")
    public static final String OUTPUT_NAME = PREFIX + "OutputName";
    @Metadata(label = "consumer", description = "Inputs consumer: the module input the message was routed to.", javaType = "String")
    public static final String INPUT_NAME = PREFIX + "InputName";
    @Metadata(label = "consumer", description = "Inputs consumer: the device that sent the message (`$.cdid`).", javaType = "String")
    public static final String CONNECTION_DEVICE_ID = PREFIX + "ConnectionDeviceId";
    @Metadata(label = "consumer", description = "Inputs consumer: the module that sent the message (`$.cmid`).", javaType = "String")
    public static final String CONNECTION_MODULE_ID = PREFIX + "ConnectionModuleId";
    @Metadata(label = "consumer", description = "The destination of a cloud-to-device message (`$.to`).", javaType = "String")
    public static final String TO = PREFIX + "To";
    @Metadata(label = "consumer", description = "The feedback the sender of a cloud-to-device message asked for"
            + " (`iothub-ack`: none, positive, negative or full).", javaType = "String")
    public static final String ACK = PREFIX + "Ack";
    @Metadata(label = "consumer", description = "The MQTT topic the cloud-to-device or input message arrived on.", javaType = "String")
    public static final String TOPIC = PREFIX + "Topic";
    @Metadata(label = "producer", description = "Status endpoint: whether the identity's connection is up.", javaType = "Boolean")
    public static final String CONNECTED = PREFIX + "Connected";
    @Metadata(label = "producer", description = "Status endpoint: why the last connection ended (e.g. SAS_RENEWAL,"
            + " KICKED_BY_SECOND_CLIENT, NETWORK_ERROR).", javaType = "String")
    public static final String DISCONNECT_REASON = PREFIX + "DisconnectReason";
    @Metadata(label = "producer", description = "Status endpoint: connections re-established after unplanned disconnects.", javaType = "Long")
    public static final String RECONNECT_COUNT = PREFIX + "ReconnectCount";

    @Metadata(label = "producer", description = "Twin producer: the operation, overriding the endpoint's `operation`"
            + " (getTwin, updateReported or acknowledgeDesired).", javaType = "String")
    public static final String TWIN_OPERATION = PREFIX + "TwinOperation";
    @Metadata(description = "Twin: the `$version` of the desired properties: of the twin read (producer), of the patch"
            + " or document handed to the route (consumer); the `av` that acknowledgeDesired"
            + " answers.", javaType = "Long")
    public static final String DESIRED_VERSION = PREFIX + "DesiredVersion";
    @Metadata(label = "producer", description = "Twin producer: the `$version` of the reported properties after the"
            + " read or the patch.", javaType = "Long")
    public static final String REPORTED_VERSION = PREFIX + "ReportedVersion";
    @Metadata(label = "producer", description = "Twin producer, updateReported: the reported `$version` the patch"
            + " is based on, for optimistic concurrency (IoT Hub answers 412 when"
            + " it has moved on).", javaType = "Long")
    public static final String REPORTED_BASE_VERSION = PREFIX + "ReportedBaseVersion";
    @Metadata(label = "producer", description = "Twin producer, acknowledgeDesired: the `ac` of the answer, an"
            + " HTTP-like status (200 done, 202 pending, 400 refused); 200 when"
            + " absent.", javaType = "Integer")
    public static final String PROPERTY_ACK_CODE = PREFIX + "PropertyAckCode";
    @Metadata(label = "producer", description = "Twin producer, acknowledgeDesired: the `ad` of the answer, a text"
            + " for people; left out when absent.", javaType = "String")
    public static final String PROPERTY_ACK_DESCRIPTION = PREFIX + "PropertyAckDescription";
    @Metadata(label = "consumer", description = "Twin consumer: true when the body is the whole desired document, read"
            + " after a (re)connect because it changed while the route did not"
            + " see it; false for a patch.", javaType = "Boolean")
    public static final String RESYNC = PREFIX + "Resync";
    @Metadata(label = "consumer", description = "Methods consumer: the name of the direct method called.", javaType = "String")
    public static final String METHOD_NAME = PREFIX + "MethodName";
    @Metadata(label = "consumer", description = "Methods consumer: the IoT Plug and Play command, the method name"
            + " without its `component*` prefix.", javaType = "String")
    public static final String COMMAND_NAME = PREFIX + "CommandName";
    @Metadata(label = "consumer", description = "Methods consumer: the hub's request id (`$rid`) of the call.", javaType = "String")
    public static final String REQUEST_ID = PREFIX + "RequestId";
    @Metadata(label = "consumer", description = "Methods consumer: set it on the reply to choose the status the"
            + " caller gets; 200 when absent.", javaType = "Integer")
    public static final String METHOD_STATUS = PREFIX + "MethodStatus";

    private IotHubMqttConstants() {
    }
}
