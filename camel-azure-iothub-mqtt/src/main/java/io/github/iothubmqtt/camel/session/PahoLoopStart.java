package io.github.iothubmqtt.camel.session;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.TimeUnit;

/**
 * Lets a Paho loop mark itself running before Paho checks that it does. Paho 1.2.5 starts its receive, send and
 * callback loops the same way: holding the loop's {@code lifecycle} monitor it submits the loop, leaves the monitor,
 * then asks {@code isRunning()} and sleeps 100 ms when the answer is no. The loop marks itself running under that
 * monitor, so it can only do so once the starter has left it, and the starter takes it back at once for its check: the
 * check loses that race nearly always, and every connect slept 200 to 300 ms. Waiting on the monitor right after the
 * submission releases it to the loop; the starter wakes once the loop is running, within a millisecond, and Paho's
 * check passes.
 * <p>
 * The monitor is a private field of each loop class, found by reflection once per class. Where that fails (another
 * Paho, a native image without the reflection data), nothing changes and Paho sleeps as it always did.
 */
final class PahoLoopStart {

    /** As long as Paho's own sleep: a loop that has not run by then is left to Paho's check. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RECHECK_MILLIS = 1;

    private static final ClassValue<Handles> HANDLES = new ClassValue<>() {
        @Override
        protected Handles computeValue(Class<?> type) {
            return Handles.of(type);
        }
    };

    private PahoLoopStart() {
    }

    /** The loop's monitor and its running check; both null when the type is not such a loop. */
    private record Handles(Field lifecycle, Method isRunning) {
        static Handles of(Class<?> type) {
            try {
                Field lifecycle = type.getDeclaredField("lifecycle");
                lifecycle.setAccessible(true);
                return new Handles(lifecycle, type.getMethod("isRunning"));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return new Handles(null, null);
            }
        }
    }

    /**
     * Called by the thread that just submitted {@code loop}: if it holds the loop's monitor, as Paho's start does,
     * waits on it until the loop runs (or {@link #WAIT_NANOS} passed). Does nothing for any other runnable.
     */
    static void awaitRunning(Runnable loop) throws InterruptedException {
        Handles handles = HANDLES.get(loop.getClass());
        if (handles.lifecycle() == null) {
            return;
        }
        Object monitor;
        try {
            monitor = handles.lifecycle().get(loop);
        } catch (IllegalAccessException e) {
            return;
        }
        if (!Thread.holdsLock(monitor)) {
            return;
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (!isRunning(handles, loop) && deadline - System.nanoTime() > 0) {
            monitor.wait(RECHECK_MILLIS); // releases the monitor to the loop, which marks itself running under it
        }
    }

    private static boolean isRunning(Handles handles, Runnable loop) {
        try {
            return (Boolean) handles.isRunning().invoke(loop);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false;
        }
    }
}
