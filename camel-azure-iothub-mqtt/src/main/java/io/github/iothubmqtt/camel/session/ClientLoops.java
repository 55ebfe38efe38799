package io.github.iothubmqtt.camel.session;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where Paho runs each client's connect, receive, send and callback loops. On Java 21 and later they run on virtual
 * threads, so an identity costs no platform thread while it waits for the network; otherwise, or when platform
 * threads are asked for, on a shared pool of platform threads (three busy per connection, reused by the next).
 * <p>
 * Paho 1.2.5 starts each loop and then checks whether it runs yet, sleeping 100 ms when it does not: three times per
 * connect. So submitting a loop returns once the loop runs ({@link PahoLoopStart}).
 */
public final class ClientLoops implements AutoCloseable {

    /** What {@code ioThreads} asks for. */
    public enum Kind {
        /** Virtual threads where the JVM has them (Java 21+), else platform threads. */
        AUTO,
        /** Platform threads, three per connection. */
        PLATFORM
    }

    private final ExecutorService shared;
    private final ScheduledExecutorService timers;
    private final boolean virtual;

    private ClientLoops(ExecutorService shared, ScheduledExecutorService timers, boolean virtual) {
        this.shared = shared;
        this.timers = timers;
        this.virtual = virtual;
    }

    public static ClientLoops create(Kind kind, ScheduledExecutorService timers) {
        ExecutorService virtual = kind == Kind.AUTO ? virtualThreadPerTask() : null;
        return new ClientLoops(virtual != null ? virtual : Executors.newCachedThreadPool(ClientLoops::platformThread),
                timers, virtual != null);
    }

    private static Thread platformThread(Runnable loop) {
        Thread thread = new Thread(loop, "IotHubMqttClientLoop"); // Paho renames it after the loop and the client
        thread.setDaemon(true);
        return thread;
    }

    /** True when the loops run on virtual threads. */
    public boolean virtual() {
        return virtual;
    }

    /** The executor to hand one Paho client: Paho shuts it down when the client closes, so each gets its own view. */
    ScheduledExecutorService forClient() {
        return new ClientView(shared, timers);
    }

    @Override
    public void close() {
        shared.shutdown();
    }

    /** Found by reflection: the component compiles for Java 17. */
    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            return null; // Java 17: no virtual threads
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create the virtual thread executor", e);
        }
    }

    /** One client's view of the shared executor: its shutdown leaves the shared one running. */
    private static final class ClientView extends AbstractExecutorService implements ScheduledExecutorService {
        private final ExecutorService shared;
        private final ScheduledExecutorService timers;
        private volatile boolean shutdown;

        ClientView(ExecutorService shared, ScheduledExecutorService timers) {
            this.shared = shared;
            this.timers = timers;
        }

        /** Connecting and disconnecting: Paho does not wait for these to start. */
        @Override
        public void execute(Runnable command) {
            shared.execute(command);
        }

        /** Paho submits its three loops this way, then checks at once that each runs. */
        @Override
        public Future<?> submit(Runnable loop) {
            FutureTask<Void> task = new FutureTask<>(() -> {
                IoThread.mark(); // a loop's thread frees in-flight room, so a send made on it must never wait
                loop.run();
            }, null);
            shared.execute(task);
            try {
                PahoLoopStart.awaitRunning(loop);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the loop is submitted; Paho's check sees the interrupt
            }
            return task;
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true; // the loops end when the client's socket closes; nothing here to wait for
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            return timers.schedule(command, delay, unit);
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return timers.schedule(callable, delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            return timers.scheduleAtFixedRate(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            return timers.scheduleWithFixedDelay(command, initialDelay, delay, unit);
        }
    }
}
