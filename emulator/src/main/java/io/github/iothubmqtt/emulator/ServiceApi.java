package io.github.iothubmqtt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.iothubmqtt.protocol.Identity;

/**
 * What a back-end application does with IoT Hub, in-process: send C2D, invoke methods, update desired properties,
 * read twins and telemetry, plus emulator-only controls (kick, drop all connections, faults). Callable from any
 * thread; every operation is carried out on the hub thread.
 */
public final class ServiceApi {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Hub hub;

    ServiceApi(Hub hub) {
        this.hub = hub;
    }

    /** Queues a C2D message and returns its message id; keys {@code $.mid}, {@code $.cid}, {@code $.ct} … are system properties. */
    public String sendC2d(Identity identity, byte[] body, Map<String, String> properties) {
        hub.registry().get(identity);
        return hub.thread().call(() -> {
            String messageId = hub.cloudToDevice().enqueue(identity, body, properties);
            hub.sessions().find(identity).ifPresent(hub.cloudToDevice()::deliver);
            return messageId;
        });
    }

    public String sendC2d(Identity identity, String body, Map<String, String> properties) {
        return sendC2d(identity, body.getBytes(StandardCharsets.UTF_8), properties);
    }

    /** Messages queued for the identity and not yet completed (PUBACKed). */
    public int pendingC2d(Identity identity) {
        return hub.thread().call(() -> hub.cloudToDevice().pending(identity));
    }

    /**
     * Invokes a direct method. Fails with {@link HubException} 404103 when the device is not connected and
     * subscribed within {@code connectTimeout}, 504101 when it does not answer within {@code responseTimeout}.
     */
    public CompletableFuture<MethodResult> invokeMethod(Identity identity, String methodName, String jsonPayload,
            Duration responseTimeout, Duration connectTimeout) {
        hub.registry().get(identity);
        return hub.thread().submit(() -> hub.methods().invoke(identity, methodName, jsonPayload, responseTimeout,
                connectTimeout)).thenCompose(call -> call);
    }

    /** Applies a desired-properties patch; returns the new desired {@code $version}. */
    public long updateDesired(Identity identity, String jsonPatch) {
        return updateDesired(identity, Twins.parseObject(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }

    public long updateDesired(Identity identity, JsonNode patch) {
        hub.registry().get(identity);
        return hub.thread().call(() -> hub.twins().updateDesired(identity, patch));
    }

    /** The twin as a device GETs it: {@code {"desired":{…,"$version":n},"reported":{…,"$version":m}}}. */
    public JsonNode twin(Identity identity) {
        hub.registry().get(identity);
        return hub.thread().call(() -> hub.twins().of(identity).toJsonNode());
    }

    /** The IoT Plug and Play model id the identity announced when it last connected with a SAS token; "" for none. */
    public String modelId(Identity identity) {
        hub.registry().get(identity);
        return hub.thread().call(() -> hub.twins().modelId(identity));
    }

    /** Polls the twin until the condition holds (e.g. a reported property arrived); fails after the timeout. */
    public JsonNode awaitTwin(Identity identity, Predicate<JsonNode> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode twin = twin(identity);
        while (!condition.test(twin)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("twin of " + identity + " did not match within " + timeout + ": " + twin);
            }
            sleep(POLL_INTERVAL);
            twin = twin(identity);
        }
        return twin;
    }

    /** Telemetry received from the identity (bounded store, oldest first). */
    public List<TelemetryMessage> telemetry(Identity identity) {
        return hub.telemetry().of(identity);
    }

    /** Telemetry received from every identity. */
    public List<TelemetryMessage> telemetry() {
        return hub.telemetry().of(null);
    }

    /** Waits until at least {@code count} messages from the identity are stored, then returns them all. */
    public List<TelemetryMessage> awaitTelemetry(Identity identity, int count, Duration timeout) {
        return hub.telemetry().await(identity, count, timeout);
    }

    /** Calls the listener (on the hub thread) for each telemetry message; close the handle to stop. */
    public AutoCloseable onTelemetry(Consumer<TelemetryMessage> listener) {
        return hub.telemetry().listen(listener);
    }

    public void clearTelemetry() {
        hub.telemetry().clear();
    }

    /** Closes the identity's connection as the hub does (the device sees a dropped socket); false if none. */
    public boolean kick(Identity identity) {
        return hub.thread().call(() -> hub.sessions().connection(identity).map(connection -> {
            connection.close("kicked through the service API");
            return true;
        }).orElse(false));
    }

    /** Closes every device connection; returns how many there were. */
    public int dropAllConnections() {
        return hub.thread().call(() -> {
            List<DeviceConnection> connections = hub.sessions().connections();
            connections.forEach(connection -> connection.close("all connections dropped through the service API"));
            return connections.size();
        });
    }

    /** 1 while the identity has an open connection, else 0 (the hub allows one per identity). */
    public int connectionCount(Identity identity) {
        return hub.thread().call(() -> hub.sessions().connection(identity).isPresent() ? 1 : 0);
    }

    /** How many open connections the hub closed because a new connection of the same identity arrived. */
    public long takeOvers() {
        return hub.thread().call(hub::takeOvers);
    }

    public Faults faults() {
        return hub.faults();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
