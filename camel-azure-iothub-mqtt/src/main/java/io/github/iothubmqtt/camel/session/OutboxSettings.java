package io.github.iothubmqtt.camel.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a session's telemetry waits for the hub.
 *
 * @param kind       {@link Kind#NONE}: a send completes on the hub's PUBACK; {@link Kind#MEMORY}: once queued in
 *                   memory; {@link Kind#DISK}: once written and synced to disk, surviving a crash of the JVM
 * @param directory  where the disk outbox keeps its file (DISK only)
 * @param maxBytes   the most the outbox holds (bodies and topics) before {@code fullPolicy} applies
 * @param ttl        how long a stored message may wait for the hub before it is dropped
 * @param fullPolicy what a send does when the outbox is full
 */
public record OutboxSettings(Kind kind, Path directory, long maxBytes, Duration ttl, FullPolicy fullPolicy) {

    public enum Kind {
        NONE, MEMORY, DISK
    }

    public enum FullPolicy {
        /** Wait up to sendTimeout for room, then fail. */
        WAIT,
        /** Fail at once. */
        FAIL,
        /** Drop the oldest stored messages to make room (logged). */
        DROP_OLDEST
    }

    public static final OutboxSettings NONE = new OutboxSettings(Kind.NONE, null, Long.MAX_VALUE, Duration.ZERO,
            FullPolicy.WAIT);

    public OutboxSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(fullPolicy, "fullPolicy");
        if (kind == Kind.DISK && directory == null) {
            throw new IllegalArgumentException("outbox=disk needs outboxDirectory");
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("outboxMaxBytes must be at least 1, was " + maxBytes);
        }
        if (kind != Kind.NONE && (ttl == null || ttl.isNegative() || ttl.isZero())) {
            throw new IllegalArgumentException("outboxTtl must be positive, was " + DurationText.of(ttl));
        }
    }

    boolean storeAndForward() {
        return kind != Kind.NONE;
    }
}
