package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Username;

/** A raw Paho client speaking IoT Hub's MQTT dialect to the emulator, with bounded waits everywhere. */
final class PahoDevice implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    /** The first TLS or WebSocket connection of a JVM can take seconds on a small, busy machine. */
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(20);

    /** A message the hub published to this device. */
    record Received(String topic, MqttMessage message) {
        String body() {
            return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    final MqttClient client;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Throwable> lost = new CompletableFuture<>();
    IMqttToken connectToken;

    private PahoDevice(MqttClient client) {
        this.client = client;
        client.setTimeToWait(CONNECT_WAIT.toMillis());
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                lost.complete(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // sync API: publish() already waited
            }
        });
    }

    static String tlsUri(IotHubEmulator hub) {
        return "ssl://localhost:" + hub.mqttPort();
    }

    static String webSocketUri(IotHubEmulator hub) {
        return "wss://localhost:" + hub.webSocketPort() + "/$iothub/websocket?iothub-no-client-cert=true";
    }

    /** Options as an SDK sets them: CleanSession 0, SAS password valid for an hour, the emulator's CA trusted. */
    static MqttConnectOptions options(IotHubEmulator hub, Identity identity) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) CONNECT_WAIT.toSeconds());
        options.setKeepAliveInterval(60);
        options.setSocketFactory(hub.clientSslContext().getSocketFactory());
        options.setUserName(Username.build(hub.hubHostName(), identity, HubLimits.DEFAULT_API_VERSION, "paho-test", null));
        if (!hub.registry().get(identity).isX509()) {
            options.setPassword(token(hub, identity, Duration.ofHours(1)).toCharArray());
        }
        return options;
    }

    static String token(IotHubEmulator hub, Identity identity, Duration ttl) {
        return SasToken.create(SasToken.resourceUri(hub.hubHostName(), identity),
                hub.registry().get(identity).primaryKey(), Instant.now().plus(ttl).getEpochSecond(), null);
    }

    static PahoDevice connect(IotHubEmulator hub, Identity identity) throws MqttException {
        return connect(hub, identity, options -> {
        });
    }

    static PahoDevice connect(IotHubEmulator hub, Identity identity, Consumer<MqttConnectOptions> tweak)
            throws MqttException {
        return connect(tlsUri(hub), hub, identity, tweak);
    }

    /** Connects with the options of the identity, tweaked, under the given client id. */
    static PahoDevice connect(IotHubEmulator hub, Identity identity, Consumer<MqttConnectOptions> tweak,
            String clientId) throws MqttException {
        return connect(tlsUri(hub), hub, identity, tweak, clientId);
    }

    static PahoDevice connect(String uri, IotHubEmulator hub, Identity identity, Consumer<MqttConnectOptions> tweak)
            throws MqttException {
        return connect(uri, hub, identity, tweak, identity.clientId());
    }

    private static PahoDevice connect(String uri, IotHubEmulator hub, Identity identity,
            Consumer<MqttConnectOptions> tweak, String clientId) throws MqttException {
        MqttConnectOptions options = options(hub, identity);
        tweak.accept(options);
        PahoDevice device = new PahoDevice(new MqttClient(uri, clientId, new MemoryPersistence()));
        try {
            device.connectToken = device.client.connectWithResult(options);
            device.client.setTimeToWait(WAIT.toMillis());
        } catch (MqttException e) {
            device.client.close(true);
            throw e;
        }
        return device;
    }

    int subscribe(String filter, int qos) throws MqttException {
        return client.subscribeWithResponse(filter, qos).getGrantedQos()[0];
    }

    /** Sends a PUBLISH and returns at once: the hub may answer it by closing the connection. */
    void publishWithoutWaiting(String topic, MqttMessage message) throws MqttException {
        client.getTopic(topic).publish(message);
    }

    Received awaitMessage() throws InterruptedException {
        Received message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT);
        }
        return message;
    }

    /** Whether the hub closed the connection within the wait. */
    boolean awaitClosed(Duration wait) {
        try {
            lost.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return lost.isDone();
        }
    }

    boolean awaitClosed() {
        return awaitClosed(WAIT);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
