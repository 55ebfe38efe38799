package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a connection taken over by a second client of the same identity (IoT Hub keeps one connection per identity
 * and closes the older one, without saying why) from other disconnects. Only a take-over it can see is reported as
 * one: another session of the same identity in this JVM. A take-over from elsewhere looks on the wire exactly like a
 * hub restart or a proxy closing the connection, so it stays {@link DisconnectReason#CLOSED_BY_HUB}; when the hub
 * keeps closing fresh connections, the detail says a second client is a likely cause.
 */
final class KickDetector {

    /** Open connections per session key, JVM-wide: two of them with one key fight over the hub's single connection. */
    private static final Map<String, Set<ConnectionLifecycle>> OPEN = new ConcurrentHashMap<>();
    private static final Duration SHORT_LIVED = Duration.ofSeconds(30);
    private static final int SHORT_LIVED_CLOSES_FOR_HINT = 3;

    record Verdict(DisconnectReason reason, String detail) {
    }

    private final SessionSettings settings;
    private int shortLivedCloses;

    KickDetector(SessionSettings settings) {
        this.settings = settings;
    }

    void opened(ConnectionLifecycle connection) {
        OPEN.computeIfAbsent(settings.key(), k -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void closed(ConnectionLifecycle connection) {
        OPEN.computeIfPresent(settings.key(), (k, open) -> {
            open.remove(connection);
            return open.isEmpty() ? null : open;
        });
    }

    Verdict connectionLost(ConnectionLifecycle connection, Throwable cause, Instant connectedSince) {
        String identity = settings.identity().clientId();
        for (ConnectionLifecycle other : OPEN.getOrDefault(settings.key(), Set.of())) {
            if (other != connection) {
                return new Verdict(DisconnectReason.KICKED_BY_SECOND_CLIENT, "another session of " + identity
                        + " in this JVM (" + other.settings().owner()
                        + ") connected; IoT Hub keeps one connection per identity");
            }
        }
        DisconnectReason reason = PahoErrors.lossReason(cause);
        boolean shortLived = connectedSince != null
                && Duration.between(connectedSince, Instant.now()).compareTo(SHORT_LIVED) < 0;
        shortLivedCloses = reason == DisconnectReason.CLOSED_BY_HUB && shortLived ? shortLivedCloses + 1 : 0;
        String detail = PahoErrors.describe(cause);
        if (shortLivedCloses >= SHORT_LIVED_CLOSES_FOR_HINT) {
            detail += "; the connection was closed " + shortLivedCloses + " times in a row within "
                    + SHORT_LIVED.toSeconds() + " s of connecting: if another client connects as " + identity
                    + ", IoT Hub closes the older connection each time";
        }
        return new Verdict(reason, detail);
    }
}
