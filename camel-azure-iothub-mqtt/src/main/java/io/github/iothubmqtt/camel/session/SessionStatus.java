package io.github.iothubmqtt.camel.session;

import java.time.Instant;

/**
 * A snapshot of a session's health.
 *
 * @param clientId             the MQTT client id ({@code deviceId} or {@code deviceId/moduleId})
 * @param state                the connection state
 * @param lastDisconnectReason why the last connection ended or the last connect failed
 * @param lastDisconnectDetail a human-readable explanation of {@code lastDisconnectReason}, or {@code null}
 * @param reconnectCount       connections re-established after an unplanned disconnect
 * @param renewalCount         routine reconnects made to renew the SAS token
 * @param connectedSince       when the current connection was established, or {@code null}
 * @param tokenExpiresAt       when the current SAS token expires, or {@code null}
 * @param inFlight             messages sent or waiting to be sent and not yet acknowledged
 */
public record SessionStatus(
        String clientId,
        SessionState state,
        DisconnectReason lastDisconnectReason,
        String lastDisconnectDetail,
        long reconnectCount,
        long renewalCount,
        Instant connectedSince,
        Instant tokenExpiresAt,
        int inFlight) {

    /** Up, including while the SAS token is renewed: the hub is reachable, sends only wait a moment. */
    public boolean connected() {
        return state == SessionState.CONNECTED || state == SessionState.RENEWING;
    }
}
