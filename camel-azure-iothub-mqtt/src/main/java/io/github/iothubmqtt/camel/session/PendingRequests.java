package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests awaiting the hub's answer, correlated by {@code $rid}. An answer that arrives after its request timed
 * out finds nothing and is reported as late.
 *
 * @param <R> the answer
 */
public final class PendingRequests<R> {

    private final Map<String, CompletableFuture<R>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastRid = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final Executor work;

    /**
     * @param timer runs the timeouts; each is cancelled when its answer comes, so none pile up at high rates
     * @param work  completes a timed-out request, so whatever waits on it never runs on the timer's thread
     */
    public PendingRequests(ScheduledExecutorService timer, Executor work) {
        this.timer = timer;
        this.work = work;
    }

    /** Opens a request under a fresh {@code $rid}; its future fails with a {@link TimeoutException} after {@code timeout}. */
    public Request<R> open(Duration timeout, String description) {
        String rid = Long.toString(lastRid.incrementAndGet());
        CompletableFuture<R> answer = new CompletableFuture<>();
        pending.put(rid, answer);
        ScheduledFuture<?> expiry = timer.schedule(
                () -> work.execute(() -> answer.completeExceptionally(
                        new TimeoutException(description + " got no answer within " + DurationText.of(timeout)))),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        answer.whenComplete((r, e) -> {
            pending.remove(rid, answer);
            expiry.cancel(false);
        });
        return new Request<>(rid, answer);
    }

    /** Completes the request with this {@code $rid}; {@code false} when none waits (timed out, or unknown). */
    public boolean complete(String rid, R answer) {
        CompletableFuture<R> waiting = pending.remove(rid);
        return waiting != null && waiting.complete(answer);
    }

    /** Fails the request with this {@code $rid}; {@code false} when none waits. */
    public boolean fail(String rid, Throwable cause) {
        CompletableFuture<R> waiting = pending.remove(rid);
        return waiting != null && waiting.completeExceptionally(cause);
    }

    /** Fails every open request, e.g. when the session closes. */
    public void failAll(Throwable cause) {
        pending.values().forEach(f -> f.completeExceptionally(cause));
        pending.clear();
    }

    public int size() {
        return pending.size();
    }

    /** An open request: its {@code $rid} and the future of its answer. */
    public record Request<R>(String rid, CompletableFuture<R> answer) {
    }
}
