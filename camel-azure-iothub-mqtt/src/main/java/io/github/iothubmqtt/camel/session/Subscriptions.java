package io.github.iothubmqtt.camel.session;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iothubmqtt.protocol.HubLimits;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscriptions of one identity, which outlive its connections: made lazily, made again on every connect, at most
 * five (the hub's limit), and the dispatch of what arrives to the handler of the matching filter.
 */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private record Subscription(int qos, MessageHandler handler) {
    }

    private final SessionSettings settings;
    private final Map<String, Subscription> byFilter = new LinkedHashMap<>();

    Subscriptions(SessionSettings settings) {
        this.settings = settings;
    }

    /**
     * Adds a subscription, sent now on {@code link} when one is up, and on every later connect.
     *
     * @throws IllegalStateException when the filter already has a handler, or the hub's limit of five subscriptions
     *                               would be exceeded
     */
    void add(String filter, int qos, MessageHandler handler, Link link) {
        synchronized (byFilter) {
            if (byFilter.containsKey(filter)) {
                throw new IllegalStateException("session " + settings.identity() + " already has a consumer for " + filter);
            }
            if (byFilter.size() >= HubLimits.MAX_SUBSCRIPTIONS) {
                throw new IllegalStateException("session " + settings.identity() + " already has "
                        + HubLimits.MAX_SUBSCRIPTIONS + " subscriptions, the most IoT Hub allows per device");
            }
            byFilter.put(filter, new Subscription(qos, handler));
        }
        if (link != null) {
            send(link, filter, qos);
        }
    }

    /**
     * Stops delivering the filter's messages. The hub keeps the subscription (clean session 0), so messages that
     * arrive meanwhile stay unacknowledged and come again for the next consumer: none is lost.
     */
    void remove(String filter) {
        synchronized (byFilter) {
            byFilter.remove(filter);
        }
    }

    void sendAll(Link link) {
        Map<String, Subscription> all;
        synchronized (byFilter) {
            all = new LinkedHashMap<>(byFilter);
        }
        all.forEach((filter, subscription) -> send(link, filter, subscription.qos()));
    }

    private void send(Link link, String filter, int qos) {
        try {
            link.subscribe(filter, qos, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    link.heard();
                    int granted = token.getGrantedQos().length > 0 ? token.getGrantedQos()[0] : qos;
                    if (granted == 0x80) {
                        LOG.warn("IoT Hub refused the subscription of {} to {}", settings.identity(), filter);
                    } else {
                        LOG.debug("Session {} subscribed to {}", settings.identity(), filter);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    LOG.debug("Subscribing {} to {} failed ({}); retried on the next connect", settings.identity(), filter,
                            error.getMessage());
                }
            });
        } catch (MqttException e) {
            LOG.debug("Subscribing {} to {} failed ({}); retried on the next connect", settings.identity(), filter,
                    e.getMessage());
        }
    }

    /** Hands a message to its handler on this (I/O) thread; unacknowledged when none matches, so the hub keeps it. */
    void dispatch(Link link, String topic, MqttMessage message) {
        MessageHandler handler = null;
        synchronized (byFilter) {
            for (Map.Entry<String, Subscription> entry : byFilter.entrySet()) {
                if (MqttTopic.isMatched(entry.getKey(), topic)) {
                    handler = entry.getValue().handler();
                    break;
                }
            }
        }
        if (handler == null) {
            LOG.debug("Session {} has no consumer for {}", settings.identity(), topic);
            return;
        }
        InboundMessage inbound = new InboundMessage(topic, message.getPayload(), message.getQos(),
                () -> acknowledge(link, message.getId(), message.getQos()));
        MessageHandler target = handler;
        try {
            target.onMessage(inbound);
        } catch (RuntimeException e) {
            // never let it reach Paho, which would drop the connection
            LOG.warn("Handler for {} on {} failed: {}", topic, settings.identity(), e.getMessage(), e);
        }
    }

    private void acknowledge(Link link, int messageId, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            link.client.messageArrivedComplete(messageId, qos);
        } catch (MqttException | RuntimeException e) {
            // the connection it came on is gone: the hub redelivers after its lock timeout
            LOG.debug("Could not acknowledge message {} of {}: {}", messageId, settings.identity(), e.getMessage());
        }
    }
}
