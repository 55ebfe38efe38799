package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;

/**
 * Where a session's outbound messages wait until the hub acknowledged them: it owns the queue, the in-flight window,
 * re-sending after a reconnect, and timeouts. One implementation completes a send on the hub's PUBACK
 * ({@link AcknowledgedOutbox}); store-and-forward ones complete it once the message is stored
 * ({@link StoreAndForwardOutbox}).
 */
interface Outbox {

    /**
     * Hands a message over. The future completes as the outbox promises, or fails with the reason.
     *
     * @throws InFlightWindowFullException when there is no room and waiting is not allowed or took too long
     */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos);

    /**
     * Like {@link #publish(String, byte[], int)}, but tells {@code done} instead of completing a future.
     *
     * @throws InFlightWindowFullException when there is no room and waiting is not allowed or took too long
     */
    default void publish(String topic, byte[] payload, int qos, SendCompletion done) {
        publish(topic, payload, qos).whenComplete((ok, error) -> done.completed(error));
    }

    /** A connection is up: send what waits, in order. */
    void linkUp(Link link);

    /** About once a second: expire what waited too long. */
    void sweep(long nowNanos);

    /** Messages handed over and not yet done with. */
    int inFlight();

    /** Fails or keeps what waits, as the outbox promises; no send is accepted after. */
    void close(Throwable cause);
}
