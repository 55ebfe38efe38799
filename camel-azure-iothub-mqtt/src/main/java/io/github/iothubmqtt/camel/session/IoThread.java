package io.github.iothubmqtt.camel.session;

/**
 * Marks a connection's I/O thread (Paho's callback thread). That thread frees in-flight slots, so a send made on it
 * must never wait for one. A thread stays marked: it runs nothing but a connection's callbacks, and marking once
 * spares two thread-local writes per acknowledgement.
 */
final class IoThread {

    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> false);

    private IoThread() {
    }

    static void mark() {
        if (!CURRENT.get()) {
            CURRENT.set(true);
        }
    }

    static boolean isCurrent() {
        return CURRENT.get();
    }
}
