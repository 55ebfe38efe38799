package io.github.iothubmqtt.camel;

/** What an endpoint does with the device's connection. */
public enum EndpointKind {
    /** Producer: device-to-cloud messages. */
    telemetry,
    /** Consumer: cloud-to-device messages. */
    c2d,
    /** Device twin (not implemented yet). */
    twin,
    /** Direct methods (not implemented yet). */
    methods,
    /** Producer: the body becomes the session's status (connected, last disconnect reason, reconnect count). */
    status
}
