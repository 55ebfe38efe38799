package io.github.iothubmqtt.camel.session;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** CONNECT options as IoT Hub wants them. */
final class ConnectOptions {

    /** Paho's own limit sits above the session's window, which is the real bound (Paho's error 32202 never shows). */
    private static final int PAHO_INFLIGHT_HEADROOM = 16;

    private ConnectOptions() {
    }

    static MqttConnectOptions create(SessionSettings settings, ConnectPassword password, SSLSocketFactory socketFactory) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false); // the hub keeps subscriptions and C2D messages across connections
        options.setAutomaticReconnect(false); // the session reconnects, with a fresh token
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        options.setMaxInflight(settings.maxInflight() + PAHO_INFLIGHT_HEADROOM);
        options.setUserName(settings.username());
        if (password.value() != null) {
            options.setPassword(password.value());
        }
        options.setSocketFactory(socketFactory);
        return options;
    }
}
