package io.github.iothubmqtt.camel.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * What a session counts for metrics and diagnostics: connects, disconnects by reason, throttled answers, C2D messages
 * and method calls received, and, once someone listens, how long each PUBACK took. Adders, so counting costs the
 * session's threads next to nothing; whoever watches reads them.
 */
public final class SessionCounters {

    private final LongAdder connects = new LongAdder();
    private final Map<DisconnectReason, LongAdder> disconnects = new EnumMap<>(DisconnectReason.class);
    private final LongAdder throttled = new LongAdder();
    private final LongAdder cloudToDevice = new LongAdder();
    private final LongAdder methodCalls = new LongAdder();
    /** {@code null} until a listener is set: then each PUBACK costs a clock read. */
    private volatile LongConsumer acknowledgedAfterNanos;

    SessionCounters() {
        for (DisconnectReason reason : DisconnectReason.values()) {
            disconnects.put(reason, new LongAdder());
        }
    }

    void connected() {
        connects.increment();
    }

    void disconnected(DisconnectReason reason) {
        disconnects.get(reason).increment();
    }

    void throttled() {
        throttled.increment();
    }

    void acknowledged(long sentNanos) {
        LongConsumer listener = acknowledgedAfterNanos;
        if (listener != null) {
            listener.accept(System.nanoTime() - sentNanos);
        }
    }

    /** A C2D message reached a route. */
    public void cloudToDeviceReceived() {
        cloudToDevice.increment();
    }

    /** A direct method call reached a route. */
    public void methodCalled() {
        methodCalls.increment();
    }

    /** Receives the time from sending each QoS 1 message to its PUBACK, in nanoseconds; {@code null} stops it. */
    public void onAcknowledged(LongConsumer listener) {
        acknowledgedAfterNanos = listener;
    }

    /** Connections established: first connects, reconnects and renewals. */
    public long connects() {
        return connects.sum();
    }

    /** Connections that ended, or connects that failed, for this reason. */
    public long disconnects(DisconnectReason reason) {
        return disconnects.get(reason).sum();
    }

    /** Twin requests the hub answered with 429 (throttled). */
    public long throttledAnswers() {
        return throttled.sum();
    }

    public long cloudToDeviceMessages() {
        return cloudToDevice.sum();
    }

    public long methodCalls() {
        return methodCalls.sum();
    }
}
