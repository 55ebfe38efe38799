package io.github.iothubmqtt.test;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * The emulator a test run shares, seen from the test: its devices, what a device needs to connect to it, and the
 * cloud side ({@link #service()}). Started on first use, it lives as long as the test JVM: application contexts that
 * Spring's test framework caches close only when the JVM exits, and their devices must still reach their hub then.
 */
public final class EmulatedHub {

    private static EmulatedHub shared;

    private final IotHubEmulator emulator;

    private EmulatedHub(IotHubEmulator emulator) {
        this.emulator = emulator;
    }

    /** The run's hub, started on the first call: MQTT over TLS on a free loopback port, the other listeners off. */
    public static synchronized EmulatedHub shared() {
        if (shared == null) {
            shared = new EmulatedHub(IotHubEmulator.builder().bindHost("127.0.0.1").mqttPort(0)
                    .webSocketPort(IotHubEmulator.OFF).httpPort(IotHubEmulator.OFF).start());
        }
        return shared;
    }

    /** The device with this id, registered first if the hub does not know it yet. */
    public synchronized Identity device(String deviceId) {
        Identity device = Identity.device(deviceId);
        if (emulator.registry().find(device).isEmpty()) {
            emulator.registry().addDevice(deviceId);
        }
        return device;
    }

    /** The device's connection string, registering the device first if needed. */
    public String connectionString(String deviceId) {
        return emulator.connectionString(device(deviceId));
    }

    public int port() {
        return emulator.mqttPort();
    }

    /** TLS settings that trust the emulator's CA, for the component's sslContextParameters. */
    public SSLContextParameters trust() {
        KeyStoreParameters caStore = new KeyStoreParameters();
        caStore.setKeyStore(emulator.trustStore());
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(caStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trustManagers);
        return parameters;
    }

    /** The cloud side: telemetry received, C2D messages, twins, direct methods. */
    public ServiceApi service() {
        return emulator.service();
    }

    /** Points the context's iothub-mqtt component at this hub, as the device {@code deviceId}. */
    public void configure(CamelContext context, String deviceId) {
        configure(context.getComponent("iothub-mqtt", IotHubMqttComponent.class), deviceId);
    }

    void configure(IotHubMqttComponent component, String deviceId) {
        IotHubMqttConfiguration configuration = component.getConfiguration();
        configuration.setConnectionString(connectionString(deviceId));
        configuration.setPort(port());
        configuration.setSslContextParameters(trust());
    }
}
