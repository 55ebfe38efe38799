package io.github.iothubmqtt.camel;

/** IoT Hub answered a twin request with a status other than 2xx; carries the status and the hub's error code. */
public class IotHubStatusException extends Exception {

    private final int status;
    private final Integer errorCode;

    public IotHubStatusException(String operation, int status, Integer errorCode, String hubMessage) {
        super(operation + " failed: IoT Hub answered " + status + (errorCode == null ? "" : " (" + errorCode + ")")
                + (hubMessage == null || hubMessage.isEmpty() ? "" : ": " + hubMessage));
        this.status = status;
        this.errorCode = errorCode;
    }

    /** The HTTP-style status of the hub's answer, e.g. 400, 412, 429. */
    public int getStatus() {
        return status;
    }

    /** The hub's six-digit error code from the answer body, e.g. 400004, or {@code null} when it gave none. */
    public Integer getErrorCode() {
        return errorCode;
    }
}
