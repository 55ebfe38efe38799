package io.github.iothubmqtt.camel.session;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces the connects of all identities of a component, so that a fleet coming back after an outage does not storm
 * the hub (IoT Hub throttles new connections per unit): at most {@code perSecond} connects start each second, evenly
 * spaced, and at most {@code concurrency} are in progress at once. First connects, reconnects and SAS renewals all
 * take a {@link Permit}; attempts wait in arrival order.
 */
public final class ConnectPacer {

    /** The right to run one connect; released once, when that connect succeeded or failed. */
    public final class Permit {
        private final AtomicBoolean released = new AtomicBoolean();

        public void release() {
            if (released.compareAndSet(false, true)) {
                synchronized (waiting) {
                    inProgress--;
                }
                scheduler.execute(ConnectPacer.this::drain);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConnectPacer.class);

    private final long spacingNanos;
    private final int concurrency;
    private final ScheduledExecutorService scheduler;
    private final Queue<Consumer<Permit>> waiting = new ArrayDeque<>();
    /** Guarded by {@code waiting}. */
    private int inProgress;
    /** Guarded by {@code waiting}: when the next connect may start. */
    private long nextStartNanos = System.nanoTime();
    /** Guarded by {@code waiting}. */
    private boolean drainScheduled;

    /**
     * @param perSecond   connects started per second at most; 0 for no rate limit
     * @param concurrency connects in progress at once at most; 0 for no limit
     */
    public ConnectPacer(int perSecond, int concurrency, ScheduledExecutorService scheduler) {
        if (perSecond < 0 || concurrency < 0) {
            throw new IllegalArgumentException("connectRate and connectConcurrency must be 0 (no limit) or more, were "
                    + perSecond + " and " + concurrency);
        }
        this.spacingNanos = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.concurrency = concurrency == 0 ? Integer.MAX_VALUE : concurrency;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code attempt} on the scheduler when its turn comes; it must release the permit. Never inline: the caller
     * may hold its session's lock, and the attempt run could be another session's.
     */
    public void submit(Consumer<Permit> attempt) {
        synchronized (waiting) {
            waiting.add(attempt);
        }
        scheduler.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Consumer<Permit> next;
            synchronized (waiting) {
                if (waiting.isEmpty() || inProgress >= concurrency) {
                    return;
                }
                long now = System.nanoTime();
                if (now - nextStartNanos < 0) {
                    if (!drainScheduled) {
                        drainScheduled = true;
                        scheduler.schedule(this::scheduledDrain, nextStartNanos - now, TimeUnit.NANOSECONDS);
                    }
                    return;
                }
                next = waiting.poll();
                inProgress++;
                // no credit for idle time: after a quiet spell the next burst is paced like any other
                nextStartNanos = Math.max(nextStartNanos, now) + spacingNanos;
            }
            run(next);
        }
    }

    private void scheduledDrain() {
        synchronized (waiting) {
            drainScheduled = false;
        }
        drain();
    }

    private void run(Consumer<Permit> attempt) {
        Permit permit = new Permit();
        try {
            attempt.accept(permit);
        } catch (RuntimeException e) {
            permit.release();
            LOG.warn("A connect attempt failed to start: {}", e.toString());
        }
    }
}
