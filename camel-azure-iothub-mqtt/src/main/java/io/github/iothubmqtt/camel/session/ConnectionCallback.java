package io.github.iothubmqtt.camel.session;

import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/** Receives Paho's callbacks of one connection; the lifecycle ignores those of a connection it has replaced. */
final class ConnectionCallback implements MqttCallback {

    private final Link source;
    private final Consumer<Throwable> lost;
    private final ConnectionLifecycle.Listener listener;

    ConnectionCallback(Link source, Consumer<Throwable> lost, ConnectionLifecycle.Listener listener) {
        this.source = source;
        this.lost = lost;
        this.listener = listener;
    }

    @Override
    public void connectionLost(Throwable cause) {
        lost.accept(cause);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        source.heard();
        listener.messageArrived(source, topic, message);
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // completions arrive through the per-message listener
    }
}
