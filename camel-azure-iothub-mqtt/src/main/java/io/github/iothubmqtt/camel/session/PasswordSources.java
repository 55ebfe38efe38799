package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.time.Instant;

import io.github.iothubmqtt.protocol.SasToken;

/** The ways an identity proves itself on CONNECT. None of them reveals its secret in {@code toString()}. */
public final class PasswordSources {

    private PasswordSources() {
    }

    /** Signs a fresh SAS token with the device (or module) key on every connect, so it can be renewed. */
    public static PasswordSource signedWithKey(String resourceUri, String base64Key, Duration ttl) {
        SasToken.checkKey(base64Key); // a malformed key fails here, when the endpoint is created
        return new PasswordSource() {
            @Override
            public ConnectPassword next() {
                long expiry = Instant.now().plus(ttl).getEpochSecond();
                String token = SasToken.create(resourceUri, base64Key, expiry, null);
                return new ConnectPassword(token.toCharArray(), Instant.ofEpochSecond(expiry), true);
            }

            @Override
            public String toString() {
                return "SAS signed with a key for " + resourceUri + ", ttl " + DurationText.of(ttl);
            }
        };
    }

    /** A SAS token made elsewhere: used until it expires, then connects fail until the application replaces it. */
    public static PasswordSource fixedToken(String sasToken) {
        Instant expiresAt = Instant.ofEpochSecond(SasToken.parse(sasToken).expiry());
        return new PasswordSource() {
            @Override
            public ConnectPassword next() {
                return new ConnectPassword(sasToken.toCharArray(), expiresAt, false);
            }

            @Override
            public String toString() {
                return "fixed SAS token expiring at " + expiresAt;
            }
        };
    }

    /** X.509: the client certificate in the TLS handshake authenticates; CONNECT carries no password. */
    public static PasswordSource x509() {
        return () -> ConnectPassword.NONE;
    }
}
