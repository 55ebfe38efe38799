package io.github.iothubmqtt.camel.session;

/** A store-and-forward outbox holds outboxMaxBytes already, and its full policy says not to wait (longer). */
public class OutboxFullException extends IllegalStateException {

    public OutboxFullException(String message) {
        super(message);
    }
}
