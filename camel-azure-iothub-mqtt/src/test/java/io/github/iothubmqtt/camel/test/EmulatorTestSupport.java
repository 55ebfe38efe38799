package io.github.iothubmqtt.camel.test;

import java.time.Duration;
import java.util.UUID;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * One emulator per test class over real TLS (MQTT and WebSocket), trusted through a Camel {@link SSLContextParameters}
 * bean named {@code hubTls}. Each test registers its own devices, so tests never share an identity.
 */
public abstract class EmulatorTestSupport extends CamelTestSupport {

    protected static final Duration C2D_LOCK_TIMEOUT = Duration.ofSeconds(2);
    protected static final Duration WAIT = Duration.ofSeconds(30);
    protected static IotHubEmulator hub;

    @BeforeAll
    static void startEmulator() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(-1).bindHost("127.0.0.1")
                .c2dLockTimeout(C2D_LOCK_TIMEOUT).start();
    }

    @AfterAll
    static void stopEmulator() {
        if (hub != null) {
            hub.close();
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(hub.trustStore());
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        registry.bind("hubTls", tls);
    }

    /** A freshly registered device. */
    protected static Identity newDevice(String prefix) {
        Identity identity = Identity.device(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        hub.registry().addDevice(identity.deviceId());
        return identity;
    }

    /** An endpoint URI for the identity over MQTT/TLS; the connection string goes through RAW() as users should. */
    protected static String uri(String kind, Identity identity, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + hub.connectionString(identity) + ")&port="
                + hub.mqttPort() + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }

    protected static String webSocketUri(String kind, Identity identity, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + hub.connectionString(identity) + ")&transport=mqtt-ws"
                + "&port=" + hub.webSocketPort() + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }
}
