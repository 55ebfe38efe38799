package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** One outbound message until the hub acknowledged it (QoS 1), it was written (QoS 0), or it failed. */
final class PendingPublish {

    final long sequence;
    final String topic;
    final byte[] payload;
    final int qos;
    final long deadlineNanos;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    /** When it was last written to a connection. */
    volatile long sentNanos;

    private final AtomicReference<Link> sentOn = new AtomicReference<>();
    private final AtomicBoolean finished = new AtomicBoolean();
    private final InFlightWindow window;

    PendingPublish(long sequence, String topic, byte[] payload, int qos, long deadlineNanos, InFlightWindow window) {
        this.sequence = sequence;
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.deadlineNanos = deadlineNanos;
        this.window = window;
    }

    /**
     * Takes the right to write this message to the connection; false when it was written there already. This is what
     * keeps a message from being sent twice on one connection, or retried on a connection that failed it.
     */
    boolean claim(Link link) {
        Link previous;
        do {
            previous = sentOn.get();
            if (previous == link) {
                return false;
            }
        } while (!sentOn.compareAndSet(previous, link));
        return true;
    }

    Link sentOn() {
        return sentOn.get();
    }

    void succeed() {
        if (finished.compareAndSet(false, true)) {
            window.release(); // before completing, so a send chained on this thread finds room
            result.complete(null);
        }
    }

    void fail(Throwable error) {
        if (finished.compareAndSet(false, true)) {
            window.release();
            result.completeExceptionally(error);
        }
    }
}
