package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionState;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.Identity;
import java.security.KeyStore;
import java.time.Duration;
import java.util.function.Function;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** A CamelContext whose iothub-mqtt component trusts the emulator, and endpoint URIs for its devices. */
final class CamelDevices implements AutoCloseable {

    final DefaultCamelContext camel = new DefaultCamelContext();
    private final int port;
    private final Function<Identity, String> connectionStrings;

    CamelDevices(IotHubEmulator hub) {
        this(hub.trustStore(), hub.mqttPort(), hub::connectionString);
    }

    /** For an emulator in another process: its CA, its MQTT port and the connection strings it printed. */
    CamelDevices(KeyStore hubCa, int port, Function<Identity, String> connectionStrings) {
        this.port = port;
        this.connectionStrings = connectionStrings;
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(hubCa);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        camel.getRegistry().bind("hubTls", tls);
    }

    String uri(String kind, Identity identity, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + connectionStrings.apply(identity) + ")&port=" + port
                + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }

    void addRoutes(RouteBuilder routes) throws Exception {
        camel.addRoutes(routes);
    }

    void start() {
        camel.start();
    }

    /** Waits until every session of the component is connected. */
    void awaitConnected(int sessions, Duration timeout) throws InterruptedException {
        IotHubMqttComponent component = camel.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connected(component) < sessions) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        connected(component) + " of " + sessions + " sessions connected after " + timeout);
            }
            Thread.sleep(50);
        }
    }

    static long connected(IotHubMqttComponent component) {
        return component.getSessionHealthChecks().keySet().stream()
                .map(DeviceSession::status).filter(status -> status.state() == SessionState.CONNECTED).count();
    }

    @Override
    public void close() {
        camel.stop();
    }
}
