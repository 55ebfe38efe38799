package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.camel.test.ServerKeys;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub that changes its TLS versions is learned again: the component offers a hub only the version it negotiated
 * (TLS 1.2 here), and when the hub then speaks TLS 1.3 only, the failed handshake makes it offer every version again.
 * The "hub" is a TLS server that completes handshakes and closes, so every connect fails after TLS and the session
 * keeps trying.
 */
class TlsVersionChangeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void aHubThatMovesToTls13IsOfferedItAfterTheFirstFailedHandshake() throws Exception {
        CertificateAuthority authority = CertificateAuthority.create("version-changing hub CA");
        try (TlsServer hub = new TlsServer(authority); DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getRegistry().bind("hubTls", Trust.trusting(authority.trustStore()));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:readings").to("iothub-mqtt:telemetry?connectionString=RAW(HostName=localhost;DeviceId=d1"
                            + ";SharedAccessKey=" + KEY + ")&port=" + hub.port() + "&sslContextParameters=#hubTls"
                            + "&reconnectBackoffMin=50&reconnectBackoffMax=200");
                }
            });
            camel.start();

            await().atMost(WAIT).until(() -> hub.handshakes.stream().filter("TLSv1.2"::equals).count() >= 3);
            hub.protocols = new String[] {"TLSv1.3"};

            await().atMost(WAIT).untilAsserted(() -> assertThat(hub.handshakes).contains("TLSv1.3"));
            assertThat(hub.failures).as("handshakes offered TLS 1.2 only, refused by the TLS 1.3 hub").isPositive();
        }
    }

    /** Accepts TLS connections, completes the handshake with the versions of the moment, records it and closes. */
    private static final class TlsServer implements AutoCloseable {
        final Queue<String> handshakes = new ConcurrentLinkedQueue<>();
        volatile String[] protocols = {"TLSv1.2"};
        volatile int failures;
        private final SSLServerSocket server;
        private final Thread acceptor;

        TlsServer(CertificateAuthority authority) throws IOException, GeneralSecurityException {
            KeyManagerFactory keyManagers = ServerKeys.forLocalhost(authority, List.of("127.0.0.1"));
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, new SecureRandom());
            server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50,
                    InetAddress.getLoopbackAddress());
            acceptor = new Thread(this::accept, "version-changing-hub");
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setEnabledProtocols(protocols);
                    socket.setSoTimeout((int) WAIT.toMillis());
                    try {
                        socket.startHandshake();
                        handshakes.add(socket.getSession().getProtocol());
                    } catch (IOException refused) {
                        failures++;
                    }
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    // this connection failed before its handshake: take the next
                }
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
            acceptor.join(WAIT.toMillis());
        }
    }
}
