package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Against the emulator, which speaks TLS 1.2 as IoT Hub does, with a TLS configuration that enables TLS 1.3 too.
 */
class NegotiatedTlsVersionsTest {

    private static final String HOST = "127.0.0.1";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static IotHubEmulator hub;
    private static SSLSocketFactory tls;

    @BeforeAll
    static void startHub() throws Exception {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).bindHost(HOST).start();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            tls = Trust.trusting(hub.trustStore()).createSSLContext(camel).getSocketFactory();
        }
    }

    @AfterAll
    static void stopHub() {
        hub.close();
    }

    @Test
    void offersOnlyTheVersionTheHubNegotiatedOnceAHandshakeCompleted() throws IOException {
        NegotiatedTlsVersions versions = new NegotiatedTlsVersions(tls);
        try (SSLSocket first = open(versions, hub.mqttPort())) {
            assertThat(first.getEnabledProtocols()).as("nothing learned yet").contains("TLSv1.3", "TLSv1.2");
            first.startHandshake();
            assertThat(first.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }

        await().atMost(WAIT).untilAsserted(() -> {
            try (SSLSocket next = open(versions, hub.mqttPort())) {
                assertThat(next.getEnabledProtocols()).containsExactly("TLSv1.2");
            }
        });
        try (SSLSocket next = open(versions, hub.mqttPort())) {
            next.startHandshake();
            assertThat(next.getSession().getProtocol()).as("the narrowed offer still connects").isEqualTo("TLSv1.2");
        }
    }

    @Test
    void anotherHubAndAForgottenHubGetEveryEnabledVersion() throws IOException {
        NegotiatedTlsVersions versions = new NegotiatedTlsVersions(tls);
        try (SSLSocket first = open(versions, hub.mqttPort())) {
            first.startHandshake();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            try (SSLSocket next = open(versions, hub.mqttPort())) {
                assertThat(next.getEnabledProtocols()).containsExactly("TLSv1.2");
            }
        });

        try (SSLSocket sameHub = layered(versions, HOST, hub.mqttPort())) {
            assertThat(sameHub.getEnabledProtocols()).as("TLS layered on a connection").containsExactly("TLSv1.2");
        }
        try (SSLSocket otherHost = layered(versions, "localhost", hub.mqttPort())) {
            assertThat(List.of(otherHost.getEnabledProtocols())).as("another host name").contains("TLSv1.3");
        }
        versions.forget();
        try (SSLSocket forgotten = open(versions, hub.mqttPort())) {
            assertThat(List.of(forgotten.getEnabledProtocols())).contains("TLSv1.3", "TLSv1.2");
        }
    }

    /** As Paho opens a connection to a hub: an unconnected TLS socket, then its connect. */
    private static SSLSocket open(NegotiatedTlsVersions versions, int port) throws IOException {
        SSLSocket socket = (SSLSocket) versions.towards(HOST, port).createSocket();
        socket.connect(new InetSocketAddress(HOST, port), (int) WAIT.toMillis());
        return socket;
    }

    /** TLS layered over a TCP connection. */
    private static SSLSocket layered(SSLSocketFactory factory, String host, int port) throws IOException {
        Socket tcp = new Socket();
        tcp.connect(new InetSocketAddress(HOST, port), (int) WAIT.toMillis());
        return (SSLSocket) factory.createSocket(tcp, host, port, true);
    }
}
