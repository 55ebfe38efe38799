package io.github.iothubmqtt.examples.hub;

import java.util.function.UnaryOperator;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.support.service.ServiceSupport;

/**
 * An IoT Hub emulator inside the application with one device registered. It listens for MQTT over TLS on a free
 * port of the loopback interface; its certificate is signed by a CA generated at start, so the device must trust that
 * CA ({@link #trust()}) rather than the JVM's default ones.
 */
public final class EmbeddedHub extends ServiceSupport {

    private final Identity device;
    private final UnaryOperator<IotHubEmulator.Builder> setup;
    private IotHubEmulator emulator;

    public EmbeddedHub(String deviceId) {
        this(deviceId, builder -> builder.device(deviceId));
    }

    /** A hub set up by {@code setup}, e.g. with a DPS enrollment that creates the device when it registers. */
    public EmbeddedHub(String deviceId, UnaryOperator<IotHubEmulator.Builder> setup) {
        this.device = Identity.device(deviceId);
        this.setup = setup;
    }

    @Override
    protected void doStart() {
        emulator = setup.apply(IotHubEmulator.builder().bindHost("127.0.0.1").mqttPort(0)
                .webSocketPort(IotHubEmulator.OFF).httpPort(IotHubEmulator.OFF)).start();
    }

    @Override
    protected void doStop() {
        emulator.close();
    }

    public Identity device() {
        return device;
    }

    /** The device's connection string: the emulated hub's name, and the emulator's host as gateway. */
    public String connectionString() {
        return emulator.connectionString(device);
    }

    public int port() {
        return emulator.mqttPort();
    }

    /** TLS settings for the iothub-mqtt component that trust the emulator's CA. */
    public SSLContextParameters trust() {
        return trusting(emulator);
    }

    /** TLS settings for the iothub-mqtt component that trust the CA of this emulator. */
    public static SSLContextParameters trusting(IotHubEmulator emulator) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(emulator.trustStore());
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        return tls;
    }

    /** The emulator itself, for what this class does not wrap (its DPS port and ID scope, say). */
    public IotHubEmulator emulator() {
        return emulator;
    }

    /** What a back-end application can do with the hub: send C2D messages, update twins, invoke methods. */
    public ServiceApi service() {
        return emulator.service();
    }
}
