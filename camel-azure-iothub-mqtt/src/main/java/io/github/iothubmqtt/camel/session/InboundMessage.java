package io.github.iothubmqtt.camel.session;

/**
 * A message the hub published to this device.
 *
 * @param topic   the topic, carrying the property bag
 * @param payload the body
 * @param qos     0 or 1
 * @param ack     sends the PUBACK (QoS 1; a no-op for QoS 0). Not calling it leaves the message to be redelivered.
 */
public record InboundMessage(String topic, byte[] payload, int qos, Runnable ack) {
}
