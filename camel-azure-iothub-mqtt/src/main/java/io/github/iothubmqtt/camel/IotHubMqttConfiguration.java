package io.github.iothubmqtt.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * Options of the iothub-mqtt component and its endpoints: the connection's (inherited, shared by all endpoints of an
 * identity) and the endpoint's own (below).
 */
@UriParams
public class IotHubMqttConfiguration extends IotHubMqttConnectionConfiguration implements Cloneable {

    @UriParam(label = "producer", defaultValue = "1", enums = "0,1")
    private int qos = 1;
    @UriParam(label = "producer", defaultValue = "getTwin", enums = "getTwin,updateReported,acknowledgeDesired")
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
    @UriParam(label = "producer", defaultValue = "fail", enums = "fail,wait")
    private String notOwnedPolicy = NOT_OWNED_FAIL;

    static final String NOT_OWNED_FAIL = "fail";
    static final String NOT_OWNED_WAIT = "wait";

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

    public TwinOperation getOperation() {
        return operation;
    }

    /**
     * Twin producer: getTwin reads the whole twin, updateReported patches the reported properties with the body,
     * acknowledgeDesired answers the body's writable properties by the IoT Plug and Play convention. The header
     * CamelIotHubMqttTwinOperation overrides it per exchange.
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

    public String getNotOwnedPolicy() {
        return notOwnedPolicy;
    }

    /**
     * With a cluster service in the CamelContext, only the replica that owns an identity connects it. What a producer
     * of an identity owned by another replica does: fail at once with IdentityNotOwnedException, or wait for this
     * replica to own it, up to sendTimeout, then fail the same way.
     */
    public void setNotOwnedPolicy(String notOwnedPolicy) {
        if (!NOT_OWNED_FAIL.equals(notOwnedPolicy) && !NOT_OWNED_WAIT.equals(notOwnedPolicy)) {
            throw new IllegalArgumentException("notOwnedPolicy must be fail or wait, was " + notOwnedPolicy);
        }
        this.notOwnedPolicy = notOwnedPolicy;
    }

    /** How long a producer waits for its identity to be owned here, by {@link #setNotOwnedPolicy}. */
    long notOwnedWaitMillis() {
        return NOT_OWNED_WAIT.equals(notOwnedPolicy) ? getSendTimeout() : 0;
    }

    public IotHubMqttConfiguration copy() {
        try {
            return (IotHubMqttConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }
}
