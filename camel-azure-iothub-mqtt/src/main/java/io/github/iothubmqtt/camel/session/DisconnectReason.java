package io.github.iothubmqtt.camel.session;

/** Why a session's connection ended (or why connecting failed). */
public enum DisconnectReason {
    /** Never disconnected. */
    NONE,
    /** Routine: the session reconnected with a fresh SAS token before the old one expired. */
    SAS_RENEWAL,
    /** IoT Hub allows one connection per identity; a second client connected with this identity. */
    KICKED_BY_SECOND_CLIENT,
    /** The hub closed the connection (bad topic or property bag, QoS 2, throttling, expired token, ...). */
    CLOSED_BY_HUB,
    /** No PINGRESP or other response in time. */
    TIMEOUT,
    /** Socket or TLS failure. */
    NETWORK_ERROR,
    /** CONNACK refused the credentials (return code 4 or 5). */
    NOT_AUTHORIZED,
    /** The HTTP proxy refused the proxy credentials, or wants some (407 Proxy Authentication Required). */
    PROXY_NOT_AUTHORIZED,
    /** Connecting failed for another reason. */
    CONNECT_FAILED,
    /** The session was closed by the application. */
    CLOSED
}
