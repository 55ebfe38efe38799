package io.github.iothubmqtt.camel.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The handlers of one subscription that carries many names (methods, module inputs): one handler per name, and one
 * for every name no other handler serves. The subscription is made when the first handler registers.
 *
 * @param <H> the handler type
 */
final class NamedHandlers<H> {

    private static final String ALL = "";

    private final String what;
    private final DeviceChannel session;
    private final Runnable subscribe;
    private final Map<String, H> handlers = new ConcurrentHashMap<>();
    private boolean subscribed;

    /**
     * @param what      what the names name, for messages ("method", "input")
     * @param subscribe makes the subscription, once
     */
    NamedHandlers(String what, DeviceChannel session, Runnable subscribe) {
        this.what = what;
        this.session = session;
        this.subscribe = subscribe;
    }

    /**
     * Registers the handler of {@code name}, or of every name when it is {@code null}.
     *
     * @throws IllegalStateException when that name already has a handler
     */
    void register(String name, H handler) {
        if (handlers.putIfAbsent(name == null ? ALL : name, handler) != null) {
            throw new IllegalStateException(session.identity() + " already has a consumer for "
                    + (name == null ? "all " + what + "s" : what + " " + name));
        }
        synchronized (this) {
            if (!subscribed) {
                subscribed = true;
                subscribe.run();
            }
        }
    }

    void unregister(String name, H handler) {
        handlers.remove(name == null ? ALL : name, handler);
    }

    /** The handler of the name, else the one of every name, else null. */
    H find(String name) {
        return handlers.getOrDefault(name, handlers.get(ALL));
    }
}
