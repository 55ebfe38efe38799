package io.github.iothubmqtt.emulator;

/** A listener could not bind its port; the message says how to choose another. */
public final class PortUnavailableException extends RuntimeException {

    public PortUnavailableException(String listener, int port, String option, Throwable cause) {
        super("cannot listen for " + listener + " on port " + port + " (" + cause.getMessage()
                + "): choose another port with " + option + " N (0 = any free port, -1 = off)", cause);
    }
}
