package io.github.iothubmqtt.camel.session;

import java.net.ConnectException;

import io.github.iothubmqtt.protocol.ProxyConnect;

/**
 * The HTTP proxy could not be reached or did not open the tunnel. A {@link ConnectException}, so Paho reports it as
 * "unable to connect to server" like a hub that cannot be reached; its message names the proxy and the options to
 * check, never the password.
 */
final class ProxyException extends ConnectException {

    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * @param status the proxy's HTTP status, or 0 when it gave none
     */
    ProxyException(String message, int status, Throwable cause) {
        super(message);
        this.status = status;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The proxy answered 407: it refused the credentials, or wants some. */
    boolean credentialsRefused() {
        return status == ProxyConnect.PROXY_AUTHENTICATION_REQUIRED;
    }
}
