package io.github.iothubmqtt.camel.session;

/**
 * Marks the threads of a connection's loops (Paho's receive, send and callback loops, started by {@link ClientLoops}).
 * The callback loop frees in-flight slots, so a send made on it must never wait for one. A thread is marked once, as a
 * loop starts, rather than per acknowledgement or message; a pooled thread stays marked, as it runs nothing but
 * connections' loops, connects and disconnects.
 */
final class IoThread {

    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> false);

    private IoThread() {
    }

    static void mark() {
        CURRENT.set(true);
    }

    static boolean isCurrent() {
        return CURRENT.get();
    }
}
