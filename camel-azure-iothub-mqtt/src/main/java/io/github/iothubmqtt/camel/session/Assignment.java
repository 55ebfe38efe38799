package io.github.iothubmqtt.camel.session;

/** Where DPS assigned a registration: the IoT hub's host name and the device id on it. */
public record Assignment(String assignedHub, String deviceId) {
}
