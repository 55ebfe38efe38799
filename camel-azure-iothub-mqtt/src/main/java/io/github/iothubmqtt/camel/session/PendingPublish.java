package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One outbound message until the hub acknowledged it (QoS 1), it was written (QoS 0), or it failed. */
final class PendingPublish {

    final String topic;
    final byte[] payload;
    final int qos;
    final long deadlineNanos;
    final CompletableFuture<Void> result = new CompletableFuture<>();
    /** The connection this message was last written to; a late callback from an older connection is ignored. */
    volatile int epoch = -1;

    private final AtomicBoolean finished = new AtomicBoolean();
    private final InFlightWindow window;

    PendingPublish(String topic, byte[] payload, int qos, long deadlineNanos, InFlightWindow window) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.deadlineNanos = deadlineNanos;
        this.window = window;
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

    boolean isFinished() {
        return finished.get();
    }
}
