package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a connection taken over by a second client of the same identity (IoT Hub keeps one connection per identity
 * and closes the older one, without saying why) from other disconnects. Exact when the second client is another
 * session in this JVM; otherwise inferred when the hub keeps closing fresh connections.
 */
final class KickDetector {

    /** Open sessions per session key, JVM-wide: two of them with one key fight over the hub's single connection. */
    private static final Map<String, Set<DeviceSession>> OPEN_SESSIONS = new ConcurrentHashMap<>();
    private static final Duration SHORT_LIVED = Duration.ofSeconds(30);
    private static final int SHORT_LIVED_CLOSES_FOR_SUSPICION = 2;

    record Verdict(DisconnectReason reason, String detail) {
    }

    private final SessionSettings settings;
    private int shortLivedCloses;

    KickDetector(SessionSettings settings) {
        this.settings = settings;
    }

    void opened(DeviceSession session) {
        OPEN_SESSIONS.computeIfAbsent(settings.key(), k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void closed(DeviceSession session) {
        OPEN_SESSIONS.computeIfPresent(settings.key(), (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    Verdict connectionLost(DeviceSession session, Throwable cause, Instant connectedSince) {
        String identity = settings.identity().clientId();
        for (DeviceSession other : OPEN_SESSIONS.getOrDefault(settings.key(), Set.of())) {
            if (other != session) {
                return new Verdict(DisconnectReason.KICKED_BY_SECOND_CLIENT, "another session of " + identity
                        + " in this JVM (" + other.settings().owner() + ") connected; IoT Hub keeps one connection per identity");
            }
        }
        DisconnectReason reason = PahoErrors.lossReason(cause);
        boolean shortLived = connectedSince != null
                && Duration.between(connectedSince, Instant.now()).compareTo(SHORT_LIVED) < 0;
        if (reason == DisconnectReason.CLOSED_BY_HUB && shortLived) {
            shortLivedCloses++;
        } else {
            shortLivedCloses = 0;
        }
        if (shortLivedCloses >= SHORT_LIVED_CLOSES_FOR_SUSPICION) {
            return new Verdict(DisconnectReason.KICKED_BY_SECOND_CLIENT, "the hub closed " + shortLivedCloses
                    + " connections in a row within " + SHORT_LIVED.toSeconds() + " s of connecting: another client is "
                    + "probably connected as " + identity + "; IoT Hub keeps one connection per identity");
        }
        return new Verdict(reason, PahoErrors.describe(cause));
    }
}
