package io.github.iothubmqtt.emulator;

import io.github.iothubmqtt.protocol.Identity;

/**
 * What the hub's stores (twins, queues, method calls) may do with an identity's live connection: publish to it and
 * close it. They never see the MQTT endpoint or the connection's own rules. Hub thread only.
 */
interface DeviceLink {

    Identity identity();

    /** Publishes at QoS 1 and returns the packet id the PUBACK will carry, or -1 when the connection is gone. */
    int publishAtLeastOnce(String topic, byte[] body);

    /** Publishes at QoS 0, as the hub sends twin responses, desired notifications and method requests. */
    void publishAtMostOnce(String topic, byte[] body);

    /** Closes the connection for a reason the hub would log; the device sees only the socket close. */
    void close(String reason);
}
