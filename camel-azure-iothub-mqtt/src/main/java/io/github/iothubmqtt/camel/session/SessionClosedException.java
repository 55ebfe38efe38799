package io.github.iothubmqtt.camel.session;

/** The session was closed before the operation completed. */
public class SessionClosedException extends RuntimeException {

    public SessionClosedException(String message) {
        super(message);
    }
}
