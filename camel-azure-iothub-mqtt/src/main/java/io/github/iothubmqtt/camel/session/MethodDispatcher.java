package io.github.iothubmqtt.camel.session;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.protocol.HubLimits;
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
    /** The answer to a request over the hub's payload limit, which the hub itself never forwards. */
    static final int PAYLOAD_TOO_LARGE = 413;

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
    /** The {@code $rid}s of calls not answered yet: the hub never sends one twice. */
    private final Set<String> serving = ConcurrentHashMap.newKeySet();
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

    /**
     * What the hub should never send is not handed to a handler: a request that cannot be read has no {@code $rid} to
     * answer and is dropped, one over the hub's payload limit is answered {@value #PAYLOAD_TOO_LARGE}, and a repeat
     * of a call still being served is dropped; each with one WARN.
     */
    private void onRequest(InboundMessage message) {
        MethodTopics.Request request;
        try {
            request = MethodTopics.parseRequest(message.topic());
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropped a method request to {} that cannot be read ({}); the caller gets no answer",
                    session.identity(), e.getMessage());
            return;
        }
        if (!serving.add(request.rid())) {
            LOG.warn("Dropped a repeat of method call {} (method '{}') to {}: the first is still being served",
                    request.rid(), request.methodName(), session.identity());
            return;
        }
        Call call = new Call(request.methodName(), request.rid(), message.payload(), this);
        if (message.payload().length > HubLimits.MAX_METHOD_PAYLOAD_BYTES) {
            LOG.warn("{}: the request of method '{}' has {} bytes, over IoT Hub's limit of {}; answered {}",
                    session.identity(), request.methodName(), message.payload().length,
                    HubLimits.MAX_METHOD_PAYLOAD_BYTES, PAYLOAD_TOO_LARGE);
            call.reply(PAYLOAD_TOO_LARGE, errorBody("the request payload has " + message.payload().length
                    + " bytes, over IoT Hub's limit of " + HubLimits.MAX_METHOD_PAYLOAD_BYTES));
            return;
        }
        Handler handler = handlers.getOrDefault(request.methodName(), handlers.get(ALL_METHODS));
        if (handler == null) {
            LOG.info("{}: no route serves method '{}'; answered {}", session.identity(), request.methodName(), unservedStatus);
            call.reply(unservedStatus, errorBody("no route serves method " + request.methodName()));
            return;
        }
        session.counters().methodCalled();
        try {
            handler.onCall(call);
        } catch (RuntimeException e) {
            serving.remove(call.rid()); // not served: a later call under this $rid is a new one
            throw e;
        }
    }

    private CompletableFuture<Void> reply(Call call, int status, byte[] payload) {
        serving.remove(call.rid());
        return session.publish(MethodTopics.responseTopic(status, call.rid()), payload == null ? new byte[0] : payload, 1);
    }

    /** {@code {"message":"…"}}, the body of the answers the dispatcher gives itself. */
    private static byte[] errorBody(String message) {
        return ("{\"message\":\"" + jsonEscape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
