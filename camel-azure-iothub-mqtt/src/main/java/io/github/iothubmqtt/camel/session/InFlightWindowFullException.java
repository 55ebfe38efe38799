package io.github.iothubmqtt.camel.session;

/** A send found no room in the session's in-flight window. */
public class InFlightWindowFullException extends RuntimeException {

    public InFlightWindowFullException(String message) {
        super(message);
    }

    public InFlightWindowFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
