package io.github.iothubmqtt.protocol;

/** Documented IoT Hub limits (quotas and throttling guide, MQTT support guide). */
public final class HubLimits {

    public static final String DEFAULT_API_VERSION = "2021-04-12";
    /** Device-to-cloud message: body plus system property values plus application property names and values. */
    public static final int MAX_TELEMETRY_BYTES = 256 * 1024;
    /** MQTT 3.1.1 writes a topic name's length in two bytes: at most 65,535 bytes of UTF-8. */
    public static final int MAX_TOPIC_BYTES = 65_535;
    public static final int MAX_C2D_BYTES = 64 * 1024;
    public static final int MAX_C2D_QUEUE = 50;
    public static final int MAX_SUBSCRIPTIONS = 5;
    /** The hub disconnects after 1.5 x keep-alive, capped at 1767 s: larger keep-alives are useless. */
    public static final int MAX_KEEP_ALIVE_SECONDS = 1177;
    public static final int KEEP_ALIVE_CAP_SECONDS = 1767;
    public static final int MAX_METHOD_PAYLOAD_BYTES = 128 * 1024;
    /** A direct method's {@code responseTimeoutInSeconds}: 5 to 300, default 30. */
    public static final int MIN_METHOD_RESPONSE_TIMEOUT_SECONDS = 5;
    public static final int MAX_METHOD_RESPONSE_TIMEOUT_SECONDS = 300;
    /** A direct method's {@code connectTimeoutInSeconds}: 0 to 300, default 0. */
    public static final int MAX_METHOD_CONNECT_TIMEOUT_SECONDS = 300;
    public static final int MAX_TWIN_SECTION_BYTES = 32 * 1024;
    public static final int MAX_TWIN_DEPTH = 10;
    public static final int MAX_TWIN_KEY_BYTES = 1024;
    public static final int MAX_TWIN_STRING_BYTES = 4 * 1024;
    public static final long MAX_TWIN_INTEGER = 4503599627370495L;
    public static final long MIN_TWIN_INTEGER = -4503599627370496L;
    /** A SAS token stays valid this long past its expiry (the service's MaxClockSkew). */
    public static final int SAS_CLOCK_SKEW_SECONDS = 300;

    private HubLimits() {
    }
}
