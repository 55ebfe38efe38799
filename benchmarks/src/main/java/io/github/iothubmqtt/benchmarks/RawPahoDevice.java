package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Username;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The baseline: a device written by hand on raw Paho, as a user of camel-paho or plain Paho would. */
final class RawPahoDevice implements AutoCloseable {

    final MqttAsyncClient client;

    private RawPahoDevice(MqttAsyncClient client) {
        this.client = client;
    }

    static RawPahoDevice connect(ConnectionString device, int port, SSLContext tls, int maxInflight) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient("ssl://" + device.connectHost() + ":" + port,
                device.identity().clientId(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(maxInflight);
        options.setSocketFactory(tls.getSocketFactory());
        options.setUserName(Username.build(device.hostName(), device.identity(), HubLimits.DEFAULT_API_VERSION, null, null));
        long expiry = Instant.now().plusSeconds(3600).getEpochSecond();
        options.setPassword(SasToken.create(SasToken.resourceUri(device.hostName(), device.identity()),
                device.sharedAccessKey(), expiry, null).toCharArray());
        client.connect(options).waitForCompletion(30_000);
        return new RawPahoDevice(client);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(10_000);
        client.close();
    }
}
