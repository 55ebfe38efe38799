package io.github.iothubmqtt.emulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.github.iothubmqtt.protocol.Telemetry;

/**
 * The per-device cloud-to-device queues with IoT Hub's lifecycle: at most 50 pending, a TTL, a lock while a
 * delivery awaits its PUBACK (MQTT's only way to complete), redelivery when the lock times out, and dead-lettering
 * after the maximum delivery count. Hub thread only.
 */
final class CloudToDeviceQueues {

    private static final Logger LOG = LoggerFactory.getLogger(CloudToDeviceQueues.class);

    /** One message and its delivery state. */
    private static final class Message {
        final String id;
        final byte[] body;
        final Map<String, String> properties;
        final Instant expiry;
        int deliveryCount;
        DeviceConnection lockedBy;
        int packetId;
        long lockTimer = -1;

        Message(String id, byte[] body, Map<String, String> properties, Instant expiry) {
            this.id = id;
            this.body = body;
            this.properties = properties;
            this.expiry = expiry;
        }

        boolean isLocked() {
            return lockedBy != null;
        }
    }

    private final HubThread thread;
    private final HubSettings settings;
    private final Sessions sessions;
    private final Map<Identity, Deque<Message>> queues = new HashMap<>();

    CloudToDeviceQueues(HubThread thread, HubSettings settings, Sessions sessions) {
        this.thread = thread;
        this.settings = settings;
        this.sessions = sessions;
    }

    /**
     * Enqueues a message and returns its message id. Property keys are IoT Hub's MQTT names: {@code $.mid},
     * {@code $.cid}, {@code $.ct} … for system properties, anything else is an application property.
     */
    String enqueue(Identity identity, byte[] body, Map<String, String> properties) {
        Deque<Message> queue = queues.computeIfAbsent(identity, id -> new ArrayDeque<>());
        if (queue.size() >= HubLimits.MAX_C2D_QUEUE) {
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
        Message message = new Message(bag.get(SystemProperty.MESSAGE_ID), body, bag, expiryOf(properties));
        queue.addLast(message);
        return message.id;
    }

    /** Delivers every deliverable message to the identity's connection, oldest first. */
    void deliver(DeviceSession session) {
        Deque<Message> queue = queues.get(session.identity());
        if (queue == null || !session.canReceive(SubscriptionKind.CLOUD_TO_DEVICE)) {
            return;
        }
        Instant now = Instant.now();
        for (Iterator<Message> it = queue.iterator(); it.hasNext();) {
            Message message = it.next();
            if (message.isLocked()) {
                continue;
            }
            if (now.isAfter(message.expiry)) {
                LOG.info("{}: cloud-to-device message {} expired undelivered (TTL)", session.identity(), message.id);
                it.remove();
                continue;
            }
            lockAndSend(session.connection(), message);
        }
    }

    private void lockAndSend(DeviceConnection connection, Message message) {
        String topic = CloudToDevice.deliveryTopic(connection.identity(), message.properties);
        int packetId = connection.publishAtLeastOnce(topic, message.body);
        if (packetId < 0) {
            return;
        }
        message.deliveryCount++;
        message.lockedBy = connection;
        message.packetId = packetId;
        message.lockTimer = thread.timer(settings.c2dLockTimeout(), () -> lockExpired(connection.identity(), message));
    }

    /** A PUBACK from the device completes the message it acknowledges. */
    void acknowledged(DeviceConnection connection, int packetId) {
        Deque<Message> queue = queues.get(connection.identity());
        if (queue == null) {
            return;
        }
        queue.removeIf(message -> {
            boolean match = message.lockedBy == connection && message.packetId == packetId;
            if (match) {
                thread.cancel(message.lockTimer);
            }
            return match;
        });
    }

    /** The lock ran out without a PUBACK: abandon, then redeliver or dead-letter. */
    private void lockExpired(Identity identity, Message message) {
        Deque<Message> queue = queues.get(identity);
        if (queue == null || !queue.contains(message)) {
            return;
        }
        message.lockedBy = null;
        message.lockTimer = -1;
        if (message.deliveryCount >= settings.c2dMaxDeliveryCount()) {
            LOG.info("{}: cloud-to-device message {} dead-lettered after {} deliveries without completion", identity,
                    message.id, message.deliveryCount);
            queue.remove(message);
            return;
        }
        sessions.find(identity).ifPresent(this::deliver);
    }

    /** CleanSession 1 starts with an empty queue: only messages sent after the new subscription arrive. */
    void clear(Identity identity) {
        Deque<Message> queue = queues.remove(identity);
        if (queue != null) {
            queue.forEach(message -> thread.cancel(message.lockTimer));
        }
    }

    int pending(Identity identity) {
        Deque<Message> queue = queues.get(identity);
        return queue == null ? 0 : queue.size();
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
