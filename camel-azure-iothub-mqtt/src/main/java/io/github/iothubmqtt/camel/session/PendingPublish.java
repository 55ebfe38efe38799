package io.github.iothubmqtt.camel.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One outbound message until the hub acknowledged it (QoS 1), it was written (QoS 0), or it failed. */
final class PendingPublish {

    private static final Logger LOG = LoggerFactory.getLogger(PendingPublish.class);

    /** Field handles rather than atomic objects: one allocation per message instead of three, on the hot path. */
    private static final VarHandle SENT_ON;
    private static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENT_ON = lookup.findVarHandle(PendingPublish.class, "sentOn", Link.class);
            FINISHED = lookup.findVarHandle(PendingPublish.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String topic;
    final byte[] payload;
    final int qos;
    final long deadlineNanos;
    /** When it was last written to a connection. */
    volatile long sentNanos;

    /** The one sent after it, in its outbox's {@link PendingList}. */
    volatile PendingPublish next;
    private volatile Link sentOn;
    private volatile boolean finished;
    private final InFlightWindow window;
    private final SendCompletion done;

    PendingPublish(String topic, byte[] payload, int qos, long deadlineNanos, InFlightWindow window, SendCompletion done) {
        this.topic = topic;
        this.payload = payload;
        this.qos = qos;
        this.deadlineNanos = deadlineNanos;
        this.window = window;
        this.done = done;
    }

    /** A finished message that stands before the first one of an empty {@link PendingList}. */
    static PendingPublish placeholder() {
        PendingPublish placeholder = new PendingPublish(null, null, 0, 0, null, null);
        placeholder.finish();
        return placeholder;
    }

    /**
     * Takes the right to write this message to the connection; false when it was written there already. This is what
     * keeps a message from being sent twice on one connection, or retried on a connection that failed it.
     */
    boolean claim(Link link) {
        Link previous;
        do {
            previous = sentOn;
            if (previous == link) {
                return false;
            }
        } while (!SENT_ON.compareAndSet(this, previous, link));
        return true;
    }

    Link sentOn() {
        return sentOn;
    }

    /** Takes the right to complete this message: true for one caller only, who then succeeds or fails it. */
    boolean finish() {
        return FINISHED.compareAndSet(this, false, true);
    }

    /** Acknowledged, failed or expired: no longer waiting, nor to be sent again. */
    boolean finished() {
        return finished;
    }

    /** After {@link #finish}. */
    void succeed() {
        window.release(); // before completing, so a send chained on this thread finds room
        tell(null);
    }

    /** After {@link #finish}. */
    void fail(Throwable error) {
        window.release();
        tell(error);
    }

    /** Often on Paho's callback thread: what the sender does must not reach Paho, which would drop the connection. */
    private void tell(Throwable error) {
        try {
            done.completed(error);
        } catch (RuntimeException e) {
            LOG.warn("Completing a message on {} failed: {}", topic, e.getMessage(), e);
        }
    }
}
