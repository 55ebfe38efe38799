package io.github.iothubmqtt.camel.session;

/**
 * Marks work that runs on a connection's I/O thread (Paho's callback thread). That thread frees in-flight slots, so
 * a send made on it must never wait for one.
 */
final class IoThread {

    private static final ThreadLocal<Boolean> CURRENT = ThreadLocal.withInitial(() -> false);

    private IoThread() {
    }

    static void run(Runnable action) {
        CURRENT.set(true);
        try {
            action.run();
        } finally {
            CURRENT.set(false);
        }
    }

    static boolean isCurrent() {
        return CURRENT.get();
    }
}
