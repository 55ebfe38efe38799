package io.github.iothubmqtt.camel.session;

import io.github.iothubmqtt.protocol.ProxyConnect;

/**
 * An HTTP proxy that connections to the hub and to DPS go through, by an HTTP CONNECT tunnel; TLS runs end to end
 * through it, so the proxy sees only the host and port. The password never appears in {@link #toString()}.
 *
 * @param host     the proxy's host
 * @param port     its port
 * @param username the Basic authentication user name, or {@code null} for a proxy that asks for none
 * @param password its password, or {@code null} (empty)
 */
public record ProxySettings(String host, int port, String username, String password) {

    public ProxySettings {
        ProxyConnect.check(host, port, username, password);
    }

    /** The proxy as messages name it: host and port, and the user name when there is one. */
    @Override
    public String toString() {
        return "HTTP proxy " + (username == null ? "" : username + "@") + host + ":" + port;
    }
}
