package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the messages a session has sent or queued but not yet completed. A sender either waits for room or fails at
 * once. The session's own I/O thread never waits: it is the thread that frees room, so waiting there would deadlock.
 */
final class InFlightWindow {

    private final int size;
    private final boolean failWhenFull;
    private final Semaphore permits;

    InFlightWindow(int size, boolean failWhenFull) {
        this.size = size;
        this.failWhenFull = failWhenFull;
        this.permits = new Semaphore(size);
    }

    void acquire(Duration maxWait, boolean onIoThread) {
        boolean acquired;
        if (failWhenFull || onIoThread) {
            acquired = permits.tryAcquire();
        } else {
            try {
                acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InFlightWindowFullException("interrupted while waiting for room in the in-flight window", e);
            }
        }
        if (!acquired) {
            throw new InFlightWindowFullException("all " + size + " in-flight slots are taken"
                    + (onIoThread
                            ? " and the send came from the session's own I/O thread, which cannot wait"
                            : failWhenFull ? "" : " and none became free within " + DurationText.of(maxWait))
                    + "; raise maxInflight or slow down the senders");
        }
    }

    boolean tryAcquire() {
        return permits.tryAcquire();
    }

    void release() {
        permits.release();
    }

    int inUse() {
        return size - permits.availablePermits();
    }
}
