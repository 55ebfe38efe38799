package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Per-identity queues of hub-to-device messages sent at QoS 1, with the hub's delivery rules: a message is sent as
 * soon as it is queued and the identity's connection is subscribed, or when it becomes so; it stays locked until
 * its PUBACK (MQTT's only way to complete), is sent again when the lock times out, expires at its TTL and, when a
 * maximum delivery count is set, is dead-lettered after it. Cloud-to-device messages and module inputs both queue
 * here. Hub thread only.
 */
final class DeliveryQueues {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueues.class);

    /** One message and its delivery state. */
    private static final class Message {
        final String id;
        final String topic;
        final byte[] body;
        final Instant expiry;
        int deliveryCount;
        DeviceLink lockedBy;
        int packetId;
        long lockTimer = -1;

        Message(String id, String topic, byte[] body, Instant expiry) {
            this.id = id;
            this.topic = topic;
            this.body = body;
            this.expiry = expiry;
        }
    }

    private final String what;
    private final SubscriptionKind kind;
    private final HubThread thread;
    private final Sessions sessions;
    private final Duration lockTimeout;
    private final int maxDeliveryCount;
    private final Map<Identity, Deque<Message>> queues = new HashMap<>();

    /**
     * @param what             what the messages are called in the log ("cloud-to-device message")
     * @param kind             the subscription a connection needs to receive them
     * @param maxDeliveryCount deliveries before dead-lettering; 0 for none (redelivered until the TTL)
     */
    DeliveryQueues(String what, SubscriptionKind kind, HubThread thread, Sessions sessions, Duration lockTimeout,
            int maxDeliveryCount) {
        this.what = what;
        this.kind = kind;
        this.thread = thread;
        this.sessions = sessions;
        this.lockTimeout = lockTimeout;
        this.maxDeliveryCount = maxDeliveryCount;
    }

    /** Queues a message on the identity's fully built topic and delivers it at once when it can be. */
    void add(Identity identity, String id, String topic, byte[] body, Instant expiry) {
        queues.computeIfAbsent(identity, key -> new ArrayDeque<>()).addLast(new Message(id, topic, body, expiry));
        sessions.find(identity).ifPresent(this::deliver);
    }

    /** Delivers every deliverable message to the session's connection, oldest first. */
    void deliver(DeviceSession session) {
        Deque<Message> queue = queues.get(session.identity());
        if (queue == null || !session.canReceive(kind)) {
            return;
        }
        Instant now = Instant.now();
        for (Iterator<Message> it = queue.iterator(); it.hasNext();) {
            Message message = it.next();
            if (message.lockedBy != null) {
                continue;
            }
            if (now.isAfter(message.expiry)) {
                LOG.info("{}: {} {} expired undelivered (TTL)", session.identity(), what, message.id);
                it.remove();
                continue;
            }
            lockAndSend(session.connection(), message);
        }
    }

    private void lockAndSend(DeviceLink link, Message message) {
        int packetId = link.publishAtLeastOnce(message.topic, message.body);
        if (packetId < 0) {
            return;
        }
        message.deliveryCount++;
        message.lockedBy = link;
        message.packetId = packetId;
        message.lockTimer = thread.timer(lockTimeout, () -> lockExpired(link.identity(), message));
    }

    /** A PUBACK completes the message it acknowledges; false when it acknowledged none of these. */
    boolean acknowledged(DeviceLink link, int packetId) {
        Deque<Message> queue = queues.get(link.identity());
        if (queue == null) {
            return false;
        }
        return queue.removeIf(message -> {
            boolean match = message.lockedBy == link && message.packetId == packetId;
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
        if (maxDeliveryCount > 0 && message.deliveryCount >= maxDeliveryCount) {
            LOG.info("{}: {} {} dead-lettered after {} deliveries without completion", identity, what, message.id,
                    message.deliveryCount);
            queue.remove(message);
            return;
        }
        sessions.find(identity).ifPresent(this::deliver);
    }

    /** Forgets the identity's messages (a CleanSession 1 connect). */
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
}
