package io.github.iothubmqtt.camel.session.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The messages of one identity that were handed to a store-and-forward outbox and not yet acknowledged by the hub, in
 * the order they were appended. Implementations: in memory, and durable on disk (survives a JVM crash).
 */
public interface OutboxLog extends AutoCloseable {

    /**
     * One stored message.
     *
     * @param sequence       increases with every append, also across restarts of a durable log
     * @param storedAtMillis wall-clock time of the append, for the message TTL
     * @param topic          the telemetry topic with its property bag, which holds the message's stable {@code $.mid}
     */
    record Entry(long sequence, long storedAtMillis, String topic, byte[] payload) {
        /** What the entry counts against the outbox's byte bound. */
        public long bytes() {
            return bytes(topic, payload);
        }

        public static long bytes(String topic, byte[] payload) {
            return payload.length + (long) topic.length();
        }
    }

    /**
     * Stores a message. The future completes once the entry is as durable as the log promises (on disk and synced,
     * for a durable log); appends of concurrent callers share one sync (group commit). Completion may run on the
     * log's own thread: callers hand off slow work. After {@link #close()} the future fails with an
     * {@link IllegalStateException}; a durable log whose write failed fails it with an {@link OutboxStoreException}.
     */
    CompletableFuture<Entry> append(String topic, byte[] payload);

    /**
     * Forgets an entry, after the hub acknowledged it. Need not be synced at once: a crash may bring it back. Unknown
     * sequences, and removals after {@link #close()}, are ignored.
     */
    void remove(long sequence);

    /** Every stored entry, oldest first: on open, what survived the last run. */
    List<Entry> entries();

    /** Entries stored now. */
    int count();

    /** Bytes of the entries stored now, as {@link Entry#bytes()} counts them. */
    long bytes();

    /** Stops taking appends; what is stored stays stored. */
    @Override
    void close();
}
