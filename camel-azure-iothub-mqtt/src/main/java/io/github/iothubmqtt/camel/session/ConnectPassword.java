package io.github.iothubmqtt.camel.session;

import java.time.Instant;

/**
 * The password of one CONNECT.
 *
 * @param value     the SAS token, or {@code null} when the identity authenticates with an X.509 certificate
 * @param expiresAt when the token expires, or {@code null} when it never needs renewing
 * @param renewable whether a fresh token can be made for the next connect (a device key is known)
 */
public record ConnectPassword(char[] value, Instant expiresAt, boolean renewable) {

    public static final ConnectPassword NONE = new ConnectPassword(null, null, false);

    @Override
    public String toString() {
        return "ConnectPassword[expiresAt=" + expiresAt + ", renewable=" + renewable + "]";
    }
}
