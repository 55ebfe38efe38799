package io.github.iothubmqtt.emulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.github.iothubmqtt.protocol.Telemetry;

/**
 * The per-device cloud-to-device queues with IoT Hub's limits: at most 50 pending, 64 KB a message, a TTL, and the
 * lifecycle of {@link DeliveryQueues} (lock until PUBACK, redelivery, dead-lettering after the maximum delivery
 * count). Hub thread only.
 */
final class CloudToDeviceQueues {

    private final HubSettings settings;
    private final DeliveryQueues queues;

    CloudToDeviceQueues(HubThread thread, HubSettings settings, Sessions sessions) {
        this.settings = settings;
        this.queues = new DeliveryQueues("cloud-to-device message", SubscriptionKind.CLOUD_TO_DEVICE, thread, sessions,
                settings.c2dLockTimeout(), settings.c2dMaxDeliveryCount());
    }

    /**
     * Enqueues a message, delivers it when the device can receive it, and returns its message id. Property keys are
     * IoT Hub's MQTT names: {@code $.mid}, {@code $.cid}, {@code $.ct} … for system properties, anything else is an
     * application property.
     */
    String enqueue(Identity identity, byte[] body, Map<String, String> properties) {
        if (queues.pending(identity) >= HubLimits.MAX_C2D_QUEUE) {
            throw new HubException(HubError.DEVICE_MAXIMUM_QUEUE_DEPTH_EXCEEDED,
                    identity + " already has " + HubLimits.MAX_C2D_QUEUE + " pending cloud-to-device messages");
        }
        Map<String, String> bag = deliveryProperties(identity, properties);
        Telemetry.checkProperties(bag);
        int size = Telemetry.messageSize(body, bag);
        if (size > HubLimits.MAX_C2D_BYTES) {
            throw new HubException(HubError.MESSAGE_TOO_LARGE, "a cloud-to-device message of " + size
                    + " bytes exceeds IoT Hub's limit of " + HubLimits.MAX_C2D_BYTES);
        }
        String id = bag.get(SystemProperty.MESSAGE_ID);
        queues.add(identity, id, CloudToDevice.deliveryTopic(identity, bag), body, expiryOf(properties));
        return id;
    }

    DeliveryQueues queues() {
        return queues;
    }

    int pending(Identity identity) {
        return queues.pending(identity);
    }

    /** The bag as the hub delivers it: {@code $.mid} and {@code $.to} first, no key-only items (Java needs that). */
    private static Map<String, String> deliveryProperties(Identity identity, Map<String, String> properties) {
        Map<String, String> bag = new LinkedHashMap<>();
        String messageId = properties.get(SystemProperty.MESSAGE_ID);
        bag.put(SystemProperty.MESSAGE_ID, messageId == null ? UUID.randomUUID().toString() : messageId);
        bag.put(SystemProperty.TO, "/" + identity.devicesPath() + "/messages/deviceBound");
        properties.forEach((key, value) -> {
            if (value != null && !bag.containsKey(key)) {
                bag.put(key, value);
            }
        });
        return bag;
    }

    private Instant expiryOf(Map<String, String> properties) {
        String expiry = properties.get(SystemProperty.EXPIRY);
        if (expiry == null) {
            return Instant.now().plus(settings.c2dTimeToLive());
        }
        try {
            return Instant.parse(expiry);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("$.exp '" + expiry + "' is not an ISO-8601 instant", e);
        }
    }
}
