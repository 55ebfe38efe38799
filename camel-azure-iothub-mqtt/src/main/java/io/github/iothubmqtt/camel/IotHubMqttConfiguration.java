package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.protocol.HubLimits;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Options of the iothub-mqtt component and its endpoints. All endpoints of one identity share one connection: its
 * settings come from the endpoint that opened it first.
 */
@UriParams
public class IotHubMqttConfiguration implements Cloneable {

    static final String TRANSPORT_MQTT = "mqtt";
    static final String TRANSPORT_MQTT_WS = "mqtt-ws";

    @UriParam(label = "security", secret = true)
    private String connectionString;
    @UriParam(label = "common")
    private String hostName;
    @UriParam(label = "common")
    private String deviceId;
    @UriParam(label = "common")
    private String moduleId;
    @UriParam(label = "security", secret = true)
    private String sharedAccessKey;
    @UriParam(label = "security", secret = true)
    private String sasToken;
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "common", defaultValue = TRANSPORT_MQTT, enums = TRANSPORT_MQTT + "," + TRANSPORT_MQTT_WS)
    private String transport = TRANSPORT_MQTT;
    @UriParam(label = "common")
    private String gatewayHostName;
    @UriParam(label = "advanced")
    private int port;
    @UriParam(label = "advanced", defaultValue = HubLimits.DEFAULT_API_VERSION)
    private String apiVersion = HubLimits.DEFAULT_API_VERSION;
    @UriParam(label = "advanced", defaultValue = "230")
    private int keepAlive = 230;
    @UriParam(label = "security", defaultValue = "3600000", javaType = "java.time.Duration")
    private long sasTokenTtl = 3_600_000;
    @UriParam(label = "security", defaultValue = "300000", javaType = "java.time.Duration")
    private long sasRenewalMargin = 300_000;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long connectTimeout = 30_000;
    @UriParam(label = "advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long reconnectBackoffMin = 500;
    @UriParam(label = "advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long reconnectBackoffMax = 30_000;
    @UriParam(label = "producer", defaultValue = "1", enums = "0,1")
    private int qos = 1;
    @UriParam(label = "common", defaultValue = "1000")
    private int maxInflight = 1000;
    @UriParam(label = "producer")
    private boolean failWhenInFlightFull;
    @UriParam(label = "producer", defaultValue = "60000", javaType = "java.time.Duration")
    private long sendTimeout = 60_000;
    @UriParam(label = "common")
    private String modelId;
    @UriParam(label = "advanced")
    private String productInfo;
    @UriParam(label = "producer", defaultValue = "getTwin", enums = "getTwin,updateReported")
    private TwinOperation operation = TwinOperation.getTwin;
    @UriParam(label = "common", defaultValue = "Map", enums = "String,Map,JsonNode")
    private JsonBodyType bodyType = JsonBodyType.Map;
    @UriParam(label = "producer", defaultValue = "60000", javaType = "java.time.Duration")
    private long requestTimeout = 60_000;
    @UriParam(label = "producer", defaultValue = "3")
    private int retryAttempts = 3;
    @UriParam(label = "producer", defaultValue = "1000", javaType = "java.time.Duration")
    private long retryDelay = 1_000;
    @UriParam(label = "consumer")
    private String methodName;
    @UriParam(label = "consumer", defaultValue = "500")
    private int methodErrorStatus = 500;
    @UriParam(label = "consumer", defaultValue = "10")
    private int methodConcurrency = 10;
    @UriParam(label = "consumer", defaultValue = "404")
    private int unknownMethodStatus = 404;

    public String getConnectionString() {
        return connectionString;
    }

    /**
     * The device or module connection string, e.g. HostName=...;DeviceId=...;SharedAccessKey=.... Options
     * set explicitly (hostName, deviceId, sharedAccessKey, ...) override its parts.
     */
    public void setConnectionString(String connectionString) {
        this.connectionString = connectionString;
    }

    public String getHostName() {
        return hostName;
    }

    /** The IoT Hub host name, e.g. contoso.azure-devices.net. */
    public void setHostName(String hostName) {
        this.hostName = hostName;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** The device id. */
    public void setDeviceId(String deviceId) {
        this.deviceId = deviceId;
    }

    public String getModuleId() {
        return moduleId;
    }

    /** The module id, when the route acts as a module of the device. */
    public void setModuleId(String moduleId) {
        this.moduleId = moduleId;
    }

    public String getSharedAccessKey() {
        return sharedAccessKey;
    }

    /**
     * The device (or module) key, base64. The component signs a fresh SAS token with it for every connect and renews
     * the token before it expires.
     */
    public void setSharedAccessKey(String sharedAccessKey) {
        this.sharedAccessKey = sharedAccessKey;
    }

    public String getSasToken() {
        return sasToken;
    }

    /**
     * A ready-made SAS token (SharedAccessSignature sr=...). It cannot be renewed: once it expires, connects
     * fail until it is replaced. Prefer sharedAccessKey.
     */
    public void setSasToken(String sasToken) {
        this.sasToken = sasToken;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    /**
     * TLS settings: a key store with the device's X.509 client certificate (then no key or token is needed) and/or
     * the trust material for the hub's certificate (e.g. a gateway's or an emulator's CA).
     */
    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getTransport() {
        return transport;
    }

    /** MQTT over TLS on port 8883 (mqtt) or MQTT over secure WebSocket on port 443 (mqtt-ws). */
    public void setTransport(String transport) {
        this.transport = transport;
    }

    public String getGatewayHostName() {
        return gatewayHostName;
    }

    /**
     * The host to connect to instead of the hub, e.g. an IoT Edge gateway. The user name and SAS audience keep the hub
     * host name.
     */
    public void setGatewayHostName(String gatewayHostName) {
        this.gatewayHostName = gatewayHostName;
    }

    public int getPort() {
        return port;
    }

    /** The port to connect to; 0 means the transport's default (8883 for mqtt, 443 for mqtt-ws). */
    public void setPort(int port) {
        this.port = port;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    /** The IoT Hub API version sent in the MQTT user name. */
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public int getKeepAlive() {
        return keepAlive;
    }

    /**
     * MQTT keep-alive in seconds, 1 to 1177: the hub drops a connection silent for 1.5 times the keep-alive, capped
     * at 1767 s, so larger values are useless.
     */
    public void setKeepAlive(int keepAlive) {
        this.keepAlive = keepAlive;
    }

    public long getSasTokenTtl() {
        return sasTokenTtl;
    }

    /** How long each SAS token signed with the shared access key is valid. */
    public void setSasTokenTtl(long sasTokenTtl) {
        this.sasTokenTtl = sasTokenTtl;
    }

    public long getSasRenewalMargin() {
        return sasRenewalMargin;
    }

    /**
     * How long before the SAS token expires the connection is renewed with a fresh token (less a random share of
     * the margin, so many devices do not renew at once; at most a quarter of the token's lifetime). Renewal keeps
     * in-flight messages and is logged at INFO.
     */
    public void setSasRenewalMargin(long sasRenewalMargin) {
        this.sasRenewalMargin = sasRenewalMargin;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    /** How long one connect attempt (TCP, TLS, CONNECT/CONNACK) may take. */
    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getReconnectBackoffMin() {
        return reconnectBackoffMin;
    }

    /** The first delay before reconnecting after a lost connection; it doubles with every failed attempt. */
    public void setReconnectBackoffMin(long reconnectBackoffMin) {
        this.reconnectBackoffMin = reconnectBackoffMin;
    }

    public long getReconnectBackoffMax() {
        return reconnectBackoffMax;
    }

    /** The largest delay between reconnect attempts. The session reconnects forever. */
    public void setReconnectBackoffMax(long reconnectBackoffMax) {
        this.reconnectBackoffMax = reconnectBackoffMax;
    }

    public int getQos() {
        return qos;
    }

    /**
     * The MQTT QoS of telemetry: 1 completes the exchange when the hub acknowledged the message, 0 when it was
     * written. QoS 2 is refused: IoT Hub closes the connection on a QoS 2 PUBLISH.
     */
    public void setQos(int qos) {
        this.qos = qos;
    }

    public int getMaxInflight() {
        return maxInflight;
    }

    /** How many messages the connection may have sent or queued without acknowledgement (the backpressure window). */
    public void setMaxInflight(int maxInflight) {
        this.maxInflight = maxInflight;
    }

    public boolean isFailWhenInFlightFull() {
        return failWhenInFlightFull;
    }

    /**
     * What a send does when the in-flight window is full: wait for room (false, at most sendTimeout) or fail the
     * exchange at once (true).
     */
    public void setFailWhenInFlightFull(boolean failWhenInFlightFull) {
        this.failWhenInFlightFull = failWhenInFlightFull;
    }

    public long getSendTimeout() {
        return sendTimeout;
    }

    /**
     * How long a message may take, waiting for room, for a connection and for its acknowledgement, before the
     * exchange fails. Messages not acknowledged when a connection ends are sent again on the next one.
     */
    public void setSendTimeout(long sendTimeout) {
        this.sendTimeout = sendTimeout;
    }

    public String getModelId() {
        return modelId;
    }

    /** The IoT Plug and Play model id (DTMI) the device announces, e.g. dtmi:com:example:Thermostat;1. */
    public void setModelId(String modelId) {
        this.modelId = modelId;
    }

    public String getProductInfo() {
        return productInfo;
    }

    /** Text appended to the DeviceClientType the hub records for the connection (product name and version). */
    public void setProductInfo(String productInfo) {
        this.productInfo = productInfo;
    }

    public TwinOperation getOperation() {
        return operation;
    }

    /**
     * Twin producer: getTwin reads the whole twin, updateReported patches the reported properties with the body. The
     * header CamelIotHubMqttTwinOperation overrides it per exchange.
     */
    public void setOperation(TwinOperation operation) {
        this.operation = operation;
    }

    public JsonBodyType getBodyType() {
        return bodyType;
    }

    /**
     * Twin and methods: the Java type of JSON bodies handed to the route: String (the JSON text), Map (maps, lists and
     * scalars, handy in the simple language) or JsonNode (Jackson).
     */
    public void setBodyType(JsonBodyType bodyType) {
        this.bodyType = bodyType;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    /** Twin: how long to wait for the hub's answer to a twin request, each attempt. */
    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getRetryAttempts() {
        return retryAttempts;
    }

    /**
     * Twin: how often a request the hub answered with 429 (throttled) or 5xx is sent again, with exponential backoff,
     * before the exchange fails.
     */
    public void setRetryAttempts(int retryAttempts) {
        this.retryAttempts = retryAttempts;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    /** Twin: the delay before the first retry of a throttled or failed request; it doubles with each retry, up to 30 s. */
    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public String getMethodName() {
        return methodName;
    }

    /**
     * Methods consumer: the direct method this route serves; empty serves every method that no other route of the
     * device serves by name.
     */
    public void setMethodName(String methodName) {
        this.methodName = methodName;
    }

    public int getMethodErrorStatus() {
        return methodErrorStatus;
    }

    /**
     * Methods consumer: the status answered when the exchange failed (after Camel's error handling) or its reply is
     * not JSON; the payload is {"error":…,"message":…}.
     */
    public void setMethodErrorStatus(int methodErrorStatus) {
        this.methodErrorStatus = methodErrorStatus;
    }

    public int getMethodConcurrency() {
        return methodConcurrency;
    }

    /** Methods consumer: how many calls the route serves at once; IoT Hub gives no ordering between calls. */
    public void setMethodConcurrency(int methodConcurrency) {
        this.methodConcurrency = methodConcurrency;
    }

    public int getUnknownMethodStatus() {
        return unknownMethodStatus;
    }

    /**
     * Methods consumer: the status answered at once, with a JSON message, for a method no route of the device serves,
     * so the caller does not wait for its timeout.
     */
    public void setUnknownMethodStatus(int unknownMethodStatus) {
        this.unknownMethodStatus = unknownMethodStatus;
    }

    public IotHubMqttConfiguration copy() {
        try {
            return (IotHubMqttConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
