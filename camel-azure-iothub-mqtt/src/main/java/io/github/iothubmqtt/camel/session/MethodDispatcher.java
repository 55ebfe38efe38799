package io.github.iothubmqtt.camel.session;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.protocol.MethodTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct methods of one session: one subscription to {@code $iothub/methods/POST/#}, calls dispatched by method name
 * to the handler registered for it, else to the handler for all methods, else answered 404 at once so the caller
 * does not wait for a timeout.
 */
public final class MethodDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(MethodDispatcher.class);
    private static final String ALL_METHODS = "";

    /** A call from the hub; {@link #reply} answers it once. */
    public record Call(String methodName, String rid, byte[] payload, MethodDispatcher dispatcher) {
        public CompletableFuture<Void> reply(int status, byte[] responsePayload) {
            return dispatcher.reply(this, status, responsePayload);
        }
    }

    /** Serves calls; runs on the session's I/O thread, so hand off long work. */
    @FunctionalInterface
    public interface Handler {
        void onCall(Call call);
    }

    private final DeviceChannel session;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private boolean subscribed;
    private final int unservedStatus;

    MethodDispatcher(DeviceChannel session, int unservedStatus) {
        this.session = session;
        this.unservedStatus = unservedStatus;
    }

    /**
     * Registers the handler of one method, or of every method no other handler serves when {@code methodName} is
     * {@code null}.
     *
     * @throws IllegalStateException when that method already has a handler
     */
    public void register(String methodName, Handler handler) {
        String key = methodName == null ? ALL_METHODS : methodName;
        if (methodName != null) {
            MethodTopics.checkMethodName(methodName);
        }
        if (handlers.putIfAbsent(key, handler) != null) {
            throw new IllegalStateException(session.identity() + " already has a consumer for "
                    + (methodName == null ? "all methods" : "method " + methodName));
        }
        synchronized (this) {
            if (!subscribed) {
                subscribed = true;
                session.subscribe(MethodTopics.REQUEST_FILTER, 0, this::onRequest);
            }
        }
    }

    public void unregister(String methodName, Handler handler) {
        handlers.remove(methodName == null ? ALL_METHODS : methodName, handler);
    }

    private void onRequest(InboundMessage message) {
        MethodTopics.Request request;
        try {
            request = MethodTopics.parseRequest(message.topic());
        } catch (IllegalArgumentException e) {
            LOG.debug("Ignoring method request to {}: {}", session.identity(), e.getMessage());
            return;
        }
        Call call = new Call(request.methodName(), request.rid(), message.payload(), this);
        Handler handler = handlers.getOrDefault(request.methodName(), handlers.get(ALL_METHODS));
        if (handler == null) {
            LOG.info("{}: no route serves method '{}'; answered {}", session.identity(), request.methodName(), unservedStatus);
            call.reply(unservedStatus, ("{\"message\":\"no route serves method " + jsonEscape(request.methodName()) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        handler.onCall(call);
    }

    private CompletableFuture<Void> reply(Call call, int status, byte[] payload) {
        return session.publish(MethodTopics.responseTopic(status, call.rid()), payload == null ? new byte[0] : payload, 1);
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
