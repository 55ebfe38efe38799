package io.github.iothubmqtt.camel.session;

import java.util.concurrent.ScheduledExecutorService;

import io.github.iothubmqtt.protocol.HubLimits;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttPingSender;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPublish;

/**
 * Paho's client with a cheaper publish. It skips Paho's topic check, a UTF-8 copy and a scan of the topic per message:
 * every topic a session publishes to is built by the protocol layer, which percent-encodes all but letters, digits
 * and {@code -._~}, so a topic is ASCII and holds no wildcard, and {@link #checkTopic} keeps the length rule. It also
 * skips the token's description, which Paho builds for every message.
 */
final class PahoClient extends MqttAsyncClient {

    PahoClient(String serverUri, String clientId, MqttClientPersistence persistence, MqttPingSender pinger,
            ScheduledExecutorService loops) throws MqttException {
        super(serverUri, clientId, persistence, pinger, loops);
    }

    /** MQTT's bound on a topic's length, which Paho checked; before the write, so that it fails only the message. */
    static void checkTopic(String topic) {
        if (topic.length() > HubLimits.MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic of " + topic.length() + " bytes: an MQTT topic is at most "
                    + HubLimits.MAX_TOPIC_BYTES + " bytes");
        }
    }

    /** What {@code publish(topic, payload, qos, false, context, listener)} does, less the topic check. */
    void publishBuiltTopic(String topic, byte[] payload, int qos, Object context, IMqttActionListener listener)
            throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(qos);
        MqttDeliveryToken token = new PublishToken(getClientId(), message);
        token.setActionCallback(listener);
        token.setUserContext(context);
        token.internalTok.setTopics(new String[] {topic});
        comms.sendNoWait(new MqttPublish(topic, message), token);
    }

    /** Paho's delivery token, whose message only Paho's own package may set otherwise. */
    private static final class PublishToken extends MqttDeliveryToken {
        PublishToken(String clientId, MqttMessage message) {
            super(clientId);
            setMessage(message);
        }

        /**
         * Paho builds this string for a trace record of every message, traced or not, while it holds the table of
         * tokens that the acknowledging thread needs too. The record's key names the message already.
         */
        @Override
        public String toString() {
            return "PublishToken";
        }
    }
}
