package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;

import io.github.iothubmqtt.protocol.Identity;

/** What the twin and the methods of an identity need from its session: no more. */
interface DeviceChannel {

    Identity identity();

    /** Publishes a message; completes on the hub's PUBACK. */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos);

    /** Subscribes lazily: now if connected, else on the next connect; and again after every reconnect. */
    void subscribe(String filter, int qos, MessageHandler handler);

    /** Where the session counts what happened, for metrics. */
    SessionCounters counters();
}
