package io.github.iothubmqtt.camel.session.outbox;

/**
 * A durable outbox cannot be opened or written: its directory is unusable, another process has it open, or a write
 * failed. Messages name the directory or file, never a message's content.
 */
public class OutboxStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OutboxStoreException(String message) {
        super(message);
    }

    public OutboxStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
