package io.github.iothubmqtt.camel.session;

import java.time.Instant;

/**
 * What one identity's connection has been through, for its status and meters: the last disconnect and why, the
 * reconnects and renewals, when the current connection came up and when its token expires. Changed only under the
 * {@link ConnectionLifecycle}'s lock, which guards it.
 */
final class ConnectionHistory {

    private final SessionCounters counters = new SessionCounters();
    private boolean everConnected;
    private DisconnectReason lastReason = DisconnectReason.NONE;
    private String lastDetail;
    private long reconnectCount;
    private long renewalCount;
    private Instant connectedSince;
    private Instant tokenExpiresAt;

    /**
     * A connection came up.
     *
     * @return whether it is a reconnect: neither the first connection nor a renewal
     */
    boolean connected(Instant expiresAt, boolean renewal) {
        counters.connected();
        connectedSince = Instant.now();
        tokenExpiresAt = expiresAt;
        boolean reconnect = !renewal && everConnected;
        if (reconnect) {
            reconnectCount++;
        }
        everConnected = true;
        return reconnect;
    }

    /** A connection ended, or a connect failed. */
    void disconnected(DisconnectReason reason, String detail) {
        counters.disconnected(reason);
        lastReason = reason;
        lastDetail = detail;
    }

    /** The connection is closed on purpose, to come up again with a fresh SAS token. */
    void renewing() {
        lastReason = DisconnectReason.SAS_RENEWAL;
        lastDetail = "routine reconnect with a fresh SAS token";
        renewalCount++;
    }

    void closed(String owner) {
        lastReason = DisconnectReason.CLOSED;
        lastDetail = "closed by " + owner;
    }

    DisconnectReason lastReason() {
        return lastReason;
    }

    Instant connectedSince() {
        return connectedSince;
    }

    Instant tokenExpiresAt() {
        return tokenExpiresAt;
    }

    SessionCounters counters() {
        return counters;
    }

    SessionStatus status(String clientId, SessionState state, int inFlight) {
        return new SessionStatus(clientId, state, lastReason, lastDetail, reconnectCount, renewalCount, connectedSince,
                tokenExpiresAt, inFlight);
    }
}
