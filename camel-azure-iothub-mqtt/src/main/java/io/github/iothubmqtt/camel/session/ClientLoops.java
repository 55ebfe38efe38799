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
import java.util.concurrent.locks.LockSupport;

/**
 * Where Paho runs each client's connect, receive, send and callback loops. On Java 21 and later they run on virtual
 * threads, so an identity costs no platform thread while it waits for the network; otherwise, or when platform
 * threads are asked for, on a shared pool of platform threads (three busy per connection, reused by the next).
 * <p>
 * Paho 1.2.5 starts each loop and then checks whether it runs yet, sleeping 100 ms when it does not: three times per
 * connect. So submitting a loop returns only once it has started and gone past that point (it left the runnable
 * state, or a short bound passed), and the check finds it running. The submitter sleeps until the loop's thread
 * begins, rather than polling: with thousands of connects queued for the carrier threads that can take longer than
 * polling is worth.
 */
public final class ClientLoops implements AutoCloseable {

    /** What {@code ioThreads} asks for. */
    public enum Kind {
        /** Virtual threads where the JVM has them (Java 21+), else platform threads. */
        AUTO,
        /** Platform threads, three per connection. */
        PLATFORM
    }

    /** How long submitting a loop waits at most for its thread to begin: Paho's own wait would be this long. */
    private static final long BEGIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long it then waits at most for the loop to go past Paho's check, which it does in its first lines. */
    private static final long START_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long START_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
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
            LoopStart start = new LoopStart(Thread.currentThread());
            FutureTask<Void> task = new FutureTask<>(() -> {
                start.begin();
                IoThread.mark(); // a loop's thread frees in-flight room, so a send made on it must never wait
                loop.run();
            }, null);
            shared.execute(task);
            start.awaitPastPahosCheck();
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

    /** The start of one loop, as its submitter waits for it. */
    private static final class LoopStart {
        private final Thread submitter;
        private volatile Thread runner;

        LoopStart(Thread submitter) {
            this.submitter = submitter;
        }

        void begin() {
            runner = Thread.currentThread();
            LockSupport.unpark(submitter);
        }

        /** Sleeps until the loop's thread begins, then polls until it waits for work or the network. */
        void awaitPastPahosCheck() {
            long beginDeadline = System.nanoTime() + BEGIN_WAIT_NANOS;
            while (runner == null && beginDeadline - System.nanoTime() > 0) {
                LockSupport.parkNanos(this, beginDeadline - System.nanoTime());
            }
            Thread thread = runner;
            long startDeadline = System.nanoTime() + START_WAIT_NANOS;
            while (thread != null && thread.getState() == Thread.State.RUNNABLE && startDeadline - System.nanoTime() > 0) {
                LockSupport.parkNanos(START_POLL_NANOS);
            }
        }
    }
}
