package io.github.iothubmqtt.camel;

/** What an endpoint does with the device's connection. */
public enum EndpointKind {
    /** Producer: device-to-cloud messages. */
    telemetry,
    /** Consumer: cloud-to-device messages. */
    c2d,
    /** Producer: get the twin or patch reported properties. Consumer: desired-property updates, resynced on connect. */
    twin,
    /** Consumer: IoT Edge module inputs, the messages edgeHub routes to the module. */
    inputs,
    /** Consumer (InOut): direct methods; the route's reply is the method response. */
    methods,
    /** Producer: the body becomes the session's status (connected, last disconnect reason, reconnect count). */
    status
}
