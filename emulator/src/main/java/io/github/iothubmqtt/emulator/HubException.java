package io.github.iothubmqtt.emulator;

/** A service-side failure carrying the hub's error code (404103 DeviceNotOnline, 504101 GatewayTimeout, …). */
public final class HubException extends RuntimeException {

    private final HubError error;
    private final String detail;

    public HubException(HubError error, String detail) {
        super(error + ": " + detail);
        this.error = error;
        this.detail = detail;
    }

    /** What went wrong, without the code. */
    public String detail() {
        return detail;
    }

    public HubError error() {
        return error;
    }

    public int errorCode() {
        return error.code();
    }
}
