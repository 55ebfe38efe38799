package io.github.iothubmqtt.camel.session;

public enum SessionState {
    CONNECTING, CONNECTED,
    /** Reconnecting with a fresh SAS token; sends wait and complete after the renewal. */
    RENEWING,
    /** Connection lost; a reconnect is scheduled. */
    DISCONNECTED, CLOSED
}
