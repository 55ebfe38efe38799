package io.github.iothubmqtt.camel.session;

/**
 * A registration with DPS failed. {@code status} and {@code errorCode} are the service's ({@code 0} when it gave
 * none: the connection failed, or the answer did not come in time).
 */
public class ProvisioningException extends RuntimeException {

    private final int status;
    private final long errorCode;

    public ProvisioningException(String message, int status, long errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public ProvisioningException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    public int status() {
        return status;
    }

    public long errorCode() {
        return errorCode;
    }
}
