package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.protocol.HubLimits;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The options of an identity's connection, labelled {@code connection}. All endpoints of one identity share one
 * connection, so these are not per endpoint: the endpoint that opens the connection decides them, and a later
 * endpoint of the same identity that sets one of them differently is told so at start. They map one to one to the
 * session's {@code SessionSettings}.
 */
@UriParams
public class IotHubMqttConnectionConfiguration {

    static final String TRANSPORT_MQTT = "mqtt";
    static final String TRANSPORT_MQTT_WS = "mqtt-ws";
    static final String OUTBOX_NONE = "none";
    static final String OUTBOX_MEMORY = "memory";
    static final String OUTBOX_DISK = "disk";
    static final String FULL_WAIT = "wait";
    static final String FULL_FAIL = "fail";
    static final String FULL_DROP_OLDEST = "dropOldest";

    @UriParam(label = "connection,security", secret = true)
    private String connectionString;
    @UriParam(label = "connection")
    private String hostName;
    @UriParam(label = "connection")
    private String deviceId;
    @UriParam(label = "connection")
    private String moduleId;
    @UriParam(label = "connection,security", secret = true)
    private String sharedAccessKey;
    @UriParam(label = "connection,security", secret = true)
    private String sasToken;
    @UriParam(label = "connection,security")
    private SSLContextParameters sslContextParameters;
    @UriParam(label = "connection,security")
    private String trustCertificates;
    @UriParam(label = "connection,security")
    private String clientCertificate;
    @UriParam(label = "connection,security")
    private String clientKey;
    @UriParam(label = "connection", defaultValue = TRANSPORT_MQTT, enums = TRANSPORT_MQTT + "," + TRANSPORT_MQTT_WS)
    private String transport = TRANSPORT_MQTT;
    @UriParam(label = "connection")
    private String gatewayHostName;
    @UriParam(label = "connection,advanced")
    private int port;
    @UriParam(label = "connection,proxy")
    private String proxyHost;
    @UriParam(label = "connection,proxy")
    private int proxyPort;
    @UriParam(label = "connection,proxy,security")
    private String proxyUsername;
    @UriParam(label = "connection,proxy,security", secret = true)
    private String proxyPassword;
    @UriParam(label = "connection,advanced", defaultValue = HubLimits.DEFAULT_API_VERSION)
    private String apiVersion = HubLimits.DEFAULT_API_VERSION;
    @UriParam(label = "connection,advanced", defaultValue = "230")
    private int keepAlive = 230;
    @UriParam(label = "connection,security", defaultValue = "3600000", javaType = "java.time.Duration")
    private long sasTokenTtl = 3_600_000;
    @UriParam(label = "connection,security", defaultValue = "300000", javaType = "java.time.Duration")
    private long sasRenewalMargin = 300_000;
    @UriParam(label = "connection,advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long connectTimeout = 30_000;
    @UriParam(label = "connection,advanced", defaultValue = "500", javaType = "java.time.Duration")
    private long reconnectBackoffMin = 500;
    @UriParam(label = "connection,advanced", defaultValue = "30000", javaType = "java.time.Duration")
    private long reconnectBackoffMax = 30_000;
    @UriParam(label = "connection", defaultValue = "1000")
    private int maxInflight = 1000;
    @UriParam(label = "connection")
    private boolean failWhenInFlightFull;
    @UriParam(label = "connection", defaultValue = "60000", javaType = "java.time.Duration")
    private long sendTimeout = 60_000;
    @UriParam(label = "connection")
    private String modelId;
    @UriParam(label = "connection,advanced")
    private String productInfo;
    @UriParam(label = "connection", defaultValue = "404")
    private int unknownMethodStatus = 404;
    @UriParam(label = "connection", defaultValue = "10000", javaType = "java.time.Duration")
    private long ackTimeout = 10_000;
    @UriParam(label = "connection", defaultValue = OUTBOX_NONE, enums = OUTBOX_NONE + "," + OUTBOX_MEMORY + "," + OUTBOX_DISK)
    private String outbox = OUTBOX_NONE;
    @UriParam(label = "connection")
    private String outboxDirectory;
    @UriParam(label = "connection", defaultValue = "104857600")
    private long outboxMaxBytes = 104_857_600;
    @UriParam(label = "connection", defaultValue = "86400000", javaType = "java.time.Duration")
    private long outboxTtl = 86_400_000;
    @UriParam(label = "connection", defaultValue = FULL_WAIT, enums = FULL_WAIT + "," + FULL_FAIL + "," + FULL_DROP_OLDEST)
    private String outboxFullPolicy = FULL_WAIT;

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

    public String getTrustCertificates() {
        return trustCertificates;
    }

    /**
     * PEM certificates to trust for the hub (or gateway) instead of the JVM's trust store, e.g.
     * file:/etc/iothub/ca.pem or classpath:edge-ca.pem; several resources comma-separated, each may hold several
     * certificates. Replaces the trust of sslContextParameters, whose other settings still apply.
     */
    public void setTrustCertificates(String trustCertificates) {
        this.trustCertificates = trustCertificates;
    }

    public String getClientCertificate() {
        return clientCertificate;
    }

    /**
     * The device's X.509 certificate for X.509 authentication (then no key or token is needed): a PEM resource such as
     * file:/etc/iothub/device.pem or classpath:device.pem, the device certificate first, its chain after it. The file
     * may also hold the private key. Replaces the key material of sslContextParameters.
     */
    public void setClientCertificate(String clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    public String getClientKey() {
        return clientKey;
    }

    /**
     * The private key of clientCertificate, a PEM resource: unencrypted PKCS#8 (BEGIN PRIVATE KEY, RSA or EC) or
     * RSA PKCS#1 (BEGIN RSA PRIVATE KEY). Encrypted and EC PRIVATE KEY files are refused with the openssl command that
     * converts them. Not needed when the certificate file holds the key.
     */
    public void setClientKey(String clientKey) {
        this.clientKey = clientKey;
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

    public String getProxyHost() {
        return proxyHost;
    }

    /**
     * The host of an HTTP proxy to connect through, e.g. proxy.corp.example: each connection to the hub (with either
     * transport) and to DPS is tunnelled through it with HTTP CONNECT, and TLS runs end to end through the tunnel.
     * Needs proxyPort. The JVM's proxy settings (https.proxyHost) are not read.
     */
    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public int getProxyPort() {
        return proxyPort;
    }

    /** The port of the HTTP proxy of proxyHost, e.g. 3128 or 8080. */
    public void setProxyPort(int proxyPort) {
        this.proxyPort = proxyPort;
    }

    public String getProxyUsername() {
        return proxyUsername;
    }

    /** The user name for the HTTP proxy's Basic authentication, when it asks for credentials. */
    public void setProxyUsername(String proxyUsername) {
        this.proxyUsername = proxyUsername;
    }

    public String getProxyPassword() {
        return proxyPassword;
    }

    /** The password of proxyUsername. */
    public void setProxyPassword(String proxyPassword) {
        this.proxyPassword = proxyPassword;
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

    public int getUnknownMethodStatus() {
        return unknownMethodStatus;
    }

    /**
     * The status answered at once, with a JSON message, for a direct method no route of the identity serves, so the
     * caller does not wait for its timeout.
     */
    public void setUnknownMethodStatus(int unknownMethodStatus) {
        this.unknownMethodStatus = unknownMethodStatus;
    }

    public long getAckTimeout() {
        return ackTimeout;
    }

    /**
     * How long a message may wait for its acknowledgement, with nothing else heard from the hub, before the connection
     * is probed with a PINGREQ; when the probe too stays unanswered this long, the connection is dropped and made
     * again. A dead (black-holed) network path is so noticed within twice this time plus 2 s, instead of after the keep-alive.
     */
    public void setAckTimeout(long ackTimeout) {
        this.ackTimeout = ackTimeout;
    }

    public String getOutbox() {
        return outbox;
    }

    /**
     * Store-and-forward for telemetry: none completes an exchange on the hub's acknowledgement; memory once the
     * message is queued in memory (survives outages, not a JVM crash); disk once it is written and synced to a file in
     * outboxDirectory (survives a JVM crash). Stored messages are sent in order after every connect and leave the
     * outbox only when the hub acknowledged them; each carries a stable message id ($.mid) for deduplication.
     */
    public void setOutbox(String outbox) {
        this.outbox = outbox;
    }

    public String getOutboxDirectory() {
        return outboxDirectory;
    }

    /** The directory of the disk outbox; one file serves all identities of the CamelContext. */
    public void setOutboxDirectory(String outboxDirectory) {
        this.outboxDirectory = outboxDirectory;
    }

    public long getOutboxMaxBytes() {
        return outboxMaxBytes;
    }

    /** The most the outbox of one identity holds (bodies and topics, in bytes) before outboxFullPolicy applies. */
    public void setOutboxMaxBytes(long outboxMaxBytes) {
        this.outboxMaxBytes = outboxMaxBytes;
    }

    public long getOutboxTtl() {
        return outboxTtl;
    }

    /** How long a stored message may wait for the hub; older ones are dropped and logged. */
    public void setOutboxTtl(long outboxTtl) {
        this.outboxTtl = outboxTtl;
    }

    public String getOutboxFullPolicy() {
        return outboxFullPolicy;
    }

    /**
     * What a send does when the outbox is full: wait (up to sendTimeout, then fail), fail at once, or dropOldest (drop
     * the oldest stored messages to make room, logged).
     */
    public void setOutboxFullPolicy(String outboxFullPolicy) {
        this.outboxFullPolicy = outboxFullPolicy;
    }
}
