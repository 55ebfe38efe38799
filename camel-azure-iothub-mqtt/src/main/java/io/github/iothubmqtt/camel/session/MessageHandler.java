package io.github.iothubmqtt.camel.session;

/** Receives the messages of one subscription. Runs on the session's I/O thread: hand off long work. */
@FunctionalInterface
public interface MessageHandler {

    void onMessage(InboundMessage message);
}
