package io.github.iothubmqtt.catalog;

import java.time.Duration;
import java.util.UUID;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.RegisteredIdentity;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Kamelets from this module's classpath (camel-kamelet's default location {@code classpath:kamelets}) against an
 * in-process emulator on ephemeral ports over TLS, trusted through the SSLContextParameters bean {@code hubTls}.
 */
abstract class KameletTestSupport extends CamelTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** A valid 32-byte key of '+', '/' and '=': the connection string must reach the component intact. */
    private static final String URI_HOSTILE_KEY = "++++////++++////++++////++++////++++////++8=";
    static IotHubEmulator hub;

    @BeforeAll
    static void startEmulator() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).bindHost("127.0.0.1").start();
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

    static Identity newDevice(String prefix) {
        Identity identity = Identity.device(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        hub.registry().add(RegisteredIdentity.withKeys(identity, URI_HOSTILE_KEY, URI_HOSTILE_KEY));
        return identity;
    }

    /** The Kamelet's URI for the identity; the connection string goes through RAW() as users should pass it. */
    static String kamelet(String name, Identity identity, String options) {
        return "kamelet:" + name + "?connectionString=RAW(" + hub.connectionString(identity) + ")&port="
                + hub.mqttPort() + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }
}
