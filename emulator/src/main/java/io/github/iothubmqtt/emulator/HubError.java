package io.github.iothubmqtt.emulator;

/** The IoT Hub error codes the emulator reproduces, with the names Azure logs them under. */
public enum HubError {
    ARGUMENT_INVALID(400004, "ArgumentInvalid"), CONNECTION_FORCEFULLY_CLOSED_ON_NEW_CONNECTION(400027,
            "ConnectionForcefullyClosedOnNewConnection"), IOTHUB_UNAUTHORIZED(401003,
                    "IoTHubUnauthorized"), DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED(403004, "DeviceMaximumQueueDepthExceeded"),
    /** The answer to a path the service API does not have (code from the SDKs' error list; the hub's is unconfirmed). */
    GENERIC_NOT_FOUND(404000, "GenericNotFound"), DEVICE_NOT_FOUND(404001, "DeviceNotFound"), DEVICE_NOT_ONLINE(404103,
            "DeviceNotOnline"), DEVICE_CONNECTION_CLOSED_REMOTELY(404104, "DeviceConnectionClosedRemotely"),
    /** The answer to a method a path does not take (code from the SDKs' error list; the hub's is unconfirmed). */
    GENERIC_METHOD_NOT_ALLOWED(405000, "GenericMethodNotAllowed"), PRECONDITION_FAILED(412001,
            "PreconditionFailed"), MESSAGE_TOO_LARGE(413001,
                    "MessageTooLarge"), THROTTLING(429001, "ThrottlingException"), GATEWAY_TIMEOUT(504101, "GatewayTimeout");

    private final int code;
    private final String label;

    HubError(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The HTTP status the service API answers with: the code's first three digits. */
    public int httpStatus() {
        return code / 1000;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return code + " " + label;
    }
}
