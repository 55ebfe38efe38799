package io.github.iothubmqtt.camel.session;

import java.time.Duration;

/**
 * When a connection with unacknowledged work is considered dead. IoT Hub answers a PUBLISH with PUBACK in
 * milliseconds, but a black-holed path (no FIN, no RST) looks connected until the keep-alive runs out, minutes later.
 * The rule: when a message has waited {@code ackTimeout} for its PUBACK and nothing at all came from the hub for
 * {@code ackTimeout}, send a PINGREQ; when that too stays unanswered for {@code ackTimeout}, drop the connection and
 * reconnect. A hub that is only slow (throttling delays PUBACKs) still answers the PINGREQ, so it is left alone.
 * The rule is checked once a second, so a dead path is noticed within two {@code ackTimeout}s plus two seconds.
 */
final class LivenessRule {

    enum Verdict {
        ALIVE, PROBE, DEAD
    }

    private final long ackTimeoutNanos;

    LivenessRule(Duration ackTimeout) {
        this.ackTimeoutNanos = ackTimeout.toNanos();
    }

    /**
     * @param now                  the current time ({@link System#nanoTime()})
     * @param lastInbound          when the hub last sent anything on this connection (or when it connected)
     * @param oldestUnacknowledged when the oldest message still waiting for its PUBACK on this connection was sent,
     *                             or {@code null} when none waits
     * @param probeSent            when the last unanswered probe was sent, or {@code null}
     */
    Verdict judge(long now, long lastInbound, Long oldestUnacknowledged, Long probeSent) {
        if (oldestUnacknowledged == null || now - oldestUnacknowledged < ackTimeoutNanos
                || now - lastInbound < ackTimeoutNanos) {
            return Verdict.ALIVE;
        }
        if (probeSent == null || probeSent - lastInbound < 0) {
            return Verdict.PROBE;
        }
        return now - probeSent >= ackTimeoutNanos ? Verdict.DEAD : Verdict.ALIVE;
    }
}
