package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.MqttWill;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;
import io.vertx.mqtt.messages.MqttUnsubscribeMessage;

/**
 * One accepted MQTT connection of a device or module, and the hub's rules for it: QoS 2 and undocumented topics
 * close it, SUBSCRIBE QoS 2 is granted 1, a sixth subscription closes it, keep-alive is enforced at 1.5 times (at
 * most 1767 s), the connection ends when its SAS token expires, and an unclean end publishes the Will. Hub thread
 * only.
 */
final class DeviceConnection implements DeviceLink {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);
    private static final int MAX_PACKET_ID = 65535;

    private final Hub hub;
    private final MqttEndpoint endpoint;
    private final DeviceSession session;
    private final ConnectAuthenticator.Admission admission;
    private final Duration keepAliveLimit;
    private final Set<Integer> packetIdsInFlight = new HashSet<>();
    private int lastPacketId;
    private long lastInboundNanos = System.nanoTime();
    private long keepAliveTimer = -1;
    private long tokenTimer = -1;
    private boolean disconnectRequested;
    private boolean closed;
    private String closeReason;

    DeviceConnection(Hub hub, MqttEndpoint endpoint, DeviceSession session, ConnectAuthenticator.Admission admission) {
        this.hub = hub;
        this.endpoint = endpoint;
        this.session = session;
        this.admission = admission;
        this.keepAliveLimit = keepAliveLimit(endpoint.keepAliveTimeSeconds());
    }

    /** The hub closes an idle connection after 1.5 × keep-alive, but never later than the load balancer's 1767 s. */
    static Duration keepAliveLimit(int keepAliveSeconds) {
        if (keepAliveSeconds <= 0) {
            return Duration.ZERO;
        }
        long millis = Math.min(keepAliveSeconds * 1500L, HubLimits.KEEP_ALIVE_CAP_SECONDS * 1000L);
        return Duration.ofMillis(millis);
    }

    @Override
    public Identity identity() {
        return session.identity();
    }

    boolean isCleanSession() {
        return endpoint.isCleanSession();
    }

    void start(boolean sessionPresent) {
        endpoint.publishAutoAck(false);
        endpoint.publishHandler(this::onPublish);
        endpoint.publishAcknowledgeHandler(this::onPuback);
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(this::onUnsubscribe);
        endpoint.pingHandler(v -> touch());
        endpoint.disconnectHandler(v -> disconnectRequested = true);
        endpoint.exceptionHandler(e -> LOG.debug("{}: connection error: {}", identity(), e.toString()));
        endpoint.closeHandler(v -> onClosed());
        endpoint.accept(sessionPresent);
        if (!keepAliveLimit.isZero()) {
            keepAliveTimer = hub.thread().timer(keepAliveLimit, this::checkKeepAlive);
        }
        if (admission.tokenExpiry() != null) {
            tokenTimer = hub.thread().timer(untilTokenExpiry(admission.tokenExpiry()), this::tokenExpired);
        }
        LOG.info("{}: connected over {} ({}, CleanSession={}, keep-alive {} s, session present {})", identity(),
                admission.transport(), admission.authType(), endpoint.isCleanSession(),
                endpoint.keepAliveTimeSeconds(), sessionPresent);
    }

    /**
     * The hub cuts the connection when the token expires. A token accepted within the 5-minute clock skew is
     * already past its expiry; it gets the skew as grace rather than an instant disconnect.
     */
    private static Duration untilTokenExpiry(Instant expiry) {
        Duration left = Duration.between(Instant.now(), expiry);
        return left.isNegative() ? left.plusSeconds(HubLimits.SAS_CLOCK_SKEW_SECONDS) : left;
    }

    @Override
    public void close(String reason) {
        if (closed) {
            return;
        }
        closeReason = reason;
        endpoint.close();
    }

    private void touch() {
        lastInboundNanos = System.nanoTime();
    }

    private Duration idle() {
        return Duration.ofNanos(System.nanoTime() - lastInboundNanos);
    }

    private void checkKeepAlive() {
        if (closed) {
            return;
        }
        Duration left = keepAliveLimit.minus(idle());
        if (left.isNegative() || left.isZero()) {
            close("no packet within " + keepAliveLimit.toMillis() + " ms (1.5 × keep-alive "
                    + endpoint.keepAliveTimeSeconds() + " s)");
        } else {
            keepAliveTimer = hub.thread().timer(left, this::checkKeepAlive);
        }
    }

    private void tokenExpired() {
        if (!closed) {
            LOG.info("{}: {}: the SAS token expired", identity(), HubError.IOTHUB_UNAUTHORIZED);
            close("SAS token expired");
        }
    }

    private void onPublish(MqttPublishMessage message) {
        touch();
        String topic = message.topicName();
        byte[] body = message.payload().getBytes();
        LOG.debug("{}: PUBLISH {} QoS {} ({} bytes)", identity(), ClientText.quote(topic), message.qosLevel().value(),
                body.length);
        if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
            close("QoS 2 PUBLISH on " + ClientText.quote(topic) + ": IoT Hub supports QoS 0 and 1 only");
            return;
        }
        Runnable effect;
        try {
            effect = hub.accept(this, admission, topic, body, message.isRetain());
        } catch (IllegalArgumentException e) {
            close(e.getMessage());
            return;
        }
        // As the hub does: the PUBACK first, then the effect (a twin response, say).
        afterResponseDelay(() -> {
            if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                endpoint.publishAcknowledge(message.messageId());
            }
            effect.run();
        });
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        touch();
        List<MqttQoS> granted = new ArrayList<>();
        for (MqttTopicSubscription subscription : message.topicSubscriptions()) {
            String filter = subscription.topicName();
            SubscriptionKind kind = SubscriptionKind.of(filter, identity()).orElse(null);
            if (kind == null) {
                close("SUBSCRIBE to " + ClientText.quote(filter) + ", a filter IoT Hub does not document");
                return;
            }
            if (!session.subscribe(filter, kind)) {
                close("SUBSCRIBE to " + ClientText.quote(filter) + " would be subscription " + (session.subscriptionCount() + 1)
                        + "; IoT Hub allows " + HubLimits.MAX_SUBSCRIPTIONS);
                return;
            }
            granted.add(subscription.qualityOfService() == MqttQoS.EXACTLY_ONCE
                    ? MqttQoS.AT_LEAST_ONCE
                    : subscription.qualityOfService());
        }
        LOG.debug("{}: SUBSCRIBE {} granted {}", identity(), message.topicSubscriptions().stream()
                .map(subscription -> ClientText.quote(subscription.topicName())).toList(), granted);
        endpoint.subscribeAcknowledge(message.messageId(), granted);
        hub.subscribed(session);
    }

    private void onUnsubscribe(MqttUnsubscribeMessage message) {
        touch();
        message.topics().forEach(session::unsubscribe);
        endpoint.unsubscribeAcknowledge(message.messageId());
    }

    private void onPuback(int packetId) {
        touch();
        packetIdsInFlight.remove(packetId);
        hub.acknowledged(this, packetId);
    }

    @Override
    public int publishAtLeastOnce(String topic, byte[] body) {
        if (closed || !endpoint.isConnected()) {
            return -1;
        }
        int packetId = nextPacketId();
        packetIdsInFlight.add(packetId);
        endpoint.publish(topic, Buffer.buffer(body), MqttQoS.AT_LEAST_ONCE, false, false, packetId);
        return packetId;
    }

    @Override
    public void publishAtMostOnce(String topic, byte[] body) {
        LOG.debug("{}: hub PUBLISH {} QoS 0 ({} bytes)", identity(), topic, body.length);
        if (!closed && endpoint.isConnected()) {
            endpoint.publish(topic, Buffer.buffer(body), MqttQoS.AT_MOST_ONCE, false, false);
        }
    }

    /** Runs the hub's answer now, or later when the response-delay fault is on. */
    private void afterResponseDelay(Runnable response) {
        Duration delay = hub.faults().responseDelay();
        if (delay.isZero()) {
            response.run();
        } else {
            hub.thread().timer(delay, () -> {
                if (!closed) {
                    response.run();
                }
            });
        }
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId % MAX_PACKET_ID + 1;
        } while (packetIdsInFlight.contains(lastPacketId));
        return lastPacketId;
    }

    private void onClosed() {
        closed = true;
        hub.thread().cancel(keepAliveTimer);
        hub.thread().cancel(tokenTimer);
        if (!disconnectRequested) {
            String reason = closeReason != null
                    ? closeReason
                    : !keepAliveLimit.isZero() && idle().compareTo(keepAliveLimit.minusMillis(500)) >= 0
                            ? "keep-alive expired"
                            : "the device closed the network connection without DISCONNECT";
            LOG.info("{}: {}: {}", identity(), HubError.DEVICE_CONNECTION_CLOSED_REMOTELY, reason);
            publishWill();
        } else {
            LOG.info("{}: disconnected", identity());
        }
        hub.connectionClosed(this, session);
    }

    /** On an unclean end the hub forwards the Will as telemetry marked {@code iothub-MessageType=Will}. */
    private void publishWill() {
        MqttWill will = endpoint.will();
        if (will == null || !will.isWillFlag()) {
            return;
        }
        try {
            hub.telemetryReceived(TelemetryReception.receive(admission, will.getWillTopic(),
                    will.getWillMessageBytes() == null ? new byte[0] : will.getWillMessageBytes(),
                    will.isWillRetain(), true));
        } catch (IllegalArgumentException e) {
            LOG.info("{}: Will dropped: {}", identity(), e.getMessage());
        }
    }
}
