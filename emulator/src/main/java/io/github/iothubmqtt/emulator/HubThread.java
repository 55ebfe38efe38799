package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one Vert.x event loop that owns all hub state. Every listener is started on it, so every MQTT packet, timer
 * and service call runs there one at a time: the hub's state needs no locks. Callers on other threads hand work
 * over with {@link #submit} or {@link #call}.
 */
final class HubThread {

    private static final Logger LOG = LoggerFactory.getLogger(HubThread.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Context context;
    private final Thread thread;

    HubThread(Vertx vertx) {
        this.vertx = vertx;
        vertx.exceptionHandler(HubThread::uncaught);
        this.context = vertx.getOrCreateContext();
        CompletableFuture<Thread> owner = new CompletableFuture<>();
        context.runOnContext(v -> owner.complete(Thread.currentThread()));
        this.thread = owner.join();
    }

    Vertx vertx() {
        return vertx;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** Runs the work on the hub thread; the future completes there. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        };
        if (isCurrent()) {
            task.run();
        } else {
            context.runOnContext(v -> task.run());
        }
        return result;
    }

    void execute(Runnable work) {
        submit(() -> {
            work.run();
            return null;
        });
    }

    /** Runs the work on the hub thread and waits for its result; failures are rethrown as they are. */
    <T> T call(Supplier<T> work) {
        try {
            return submit(work).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hub", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the hub did not answer within " + CALL_TIMEOUT, e);
        }
    }

    /** A one-shot timer on the hub thread; returns its id for {@link #cancel}. */
    long timer(Duration delay, Runnable action) {
        return vertx.setTimer(Math.max(1, delay.toMillis()), t -> execute(action));
    }

    void cancel(long timerId) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * What a handler threw. Vert.x MQTT throws IllegalArgumentException at a client that sends a packet before
     * CONNECT: that is the client's fault and worth one line, not a stack trace. Anything else is a bug here.
     */
    private static void uncaught(Throwable failure) {
        if (failure instanceof IllegalArgumentException) {
            LOG.info("a client broke the protocol: {}", ClientText.quote(failure.getMessage()));
        } else {
            LOG.error("unexpected failure on the hub thread", failure);
        }
    }

    /** Runs code on the hub's Vert.x context (for starting listeners so that they belong to it). */
    Context context() {
        return context;
    }
}
