package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.protocol.ProxyConnect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the session makes of a proxy that misbehaves: each answer of a hostile peer on a loopback socket ends the
 * connect with a message that names the proxy, within the connect timeout, and never shows the password.
 */
class ProxyTunnelTest {

    private static final String PASSWORD = "tunnel-s3cret";
    private static final int TIMEOUT_MILLIS = 2_000;
    private ServerSocket peer;
    private ProxySettings proxy;

    @BeforeEach
    void listen() throws IOException {
        peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        proxy = new ProxySettings("127.0.0.1", peer.getLocalPort(), "alice", PASSWORD);
    }

    @AfterEach
    void stop() throws IOException {
        peer.close();
    }

    @Test
    void aTunnelKeepsTheBytesThatFollowTheAnswer() throws Exception {
        answerWith("HTTP/1.1 200 Connection established\r\n\r\nhub bytes".getBytes(StandardCharsets.US_ASCII));

        try (Socket tunnel = ProxyTunnel.open(proxy, "hub.example", 8883, TIMEOUT_MILLIS, created -> {
        })) {
            assertThat(new String(tunnel.getInputStream().readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("hub bytes");
            assertThat(tunnel.getSoTimeout()).isZero();
        }
    }

    @Test
    void aRefusalNamesTheProxyTheTargetAndTheStatus() {
        answerWith("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(failure()).isInstanceOf(ProxyException.class).satisfies(e -> assertThat(((ProxyException) e)
                .credentialsRefused()).isFalse())
                .hasMessageContaining("HTTP proxy alice@127.0.0.1:" + peer.getLocalPort())
                .hasMessageContaining("refused CONNECT hub.example:8883 with 403 Forbidden");
    }

    @Test
    void garbageAnEndlessHeadAndAnEarlyCloseAreNoAnswer() {
        answerWith("\u0000\u0001 not http\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(failure()).hasMessageContaining("with what is no CONNECT answer: the proxy's answer is not HTTP");

        answerWith(("HTTP/1.1 200 OK\r\nX: " + "y".repeat(ProxyConnect.MAX_HEAD_BYTES)).getBytes(StandardCharsets.US_ASCII));
        assertThat(failure()).hasMessageContaining("no end of its head within " + ProxyConnect.MAX_HEAD_BYTES);

        answerWith("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(failure()).hasMessageContaining("closed the connection without answering CONNECT hub.example:8883");
    }

    @Test
    void aSilentProxyTimesOut() {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(this::acceptQuietly);
        long start = System.nanoTime();

        assertThat(failure()).hasMessageContaining("did not answer CONNECT hub.example:8883 within the connect timeout");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(TIMEOUT_MILLIS - 100),
                Duration.ofMillis(TIMEOUT_MILLIS * 3L));
        closeQuietly(accepted.join());
    }

    @Test
    void closingTheCreatedSocketAbortsAConnectUnderWay() {
        CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(this::acceptQuietly);
        AtomicReference<Socket> created = new AtomicReference<>();
        CompletableFuture<Throwable> connect = CompletableFuture.supplyAsync(() -> {
            try {
                ProxyTunnel.open(proxy, "hub.example", 8883, 60_000, created::set).close();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted.isDone() && created.get() != null);

        closeQuietly(created.get());

        assertThat(connect.orTimeout(10, TimeUnit.SECONDS).join()).isInstanceOf(ProxyException.class)
                .hasMessageContaining("broke off CONNECT hub.example:8883");
        closeQuietly(accepted.join());
    }

    @Test
    void abortingTheSocketFactoryResetsTheConnectionToTheProxyAtOnce() throws Exception {
        CompletableFuture<String> peerSaw = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = peer.accept()) {
                readRequest(socket);
                socket.getOutputStream().write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return socket.getInputStream().read() < 0 ? "end of stream" : "bytes";
            } catch (IOException e) {
                return e.getMessage();
            }
        });
        AbortableSocketFactory factory = new AbortableSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault(),
                proxy);
        Socket socket = factory.createSocket();
        socket.connect(InetSocketAddress.createUnresolved("hub.example", 8883), TIMEOUT_MILLIS);

        factory.abort();

        // a reset, not an orderly close: nothing, a TLS close_notify included, is written on an aborted connection
        assertThat(peerSaw.get(5, TimeUnit.SECONDS)).containsIgnoringCase("reset");
        assertThat(socket).isInstanceOf(TunnelledSslSocket.class);
    }

    private Throwable failure() {
        Throwable error = null;
        try {
            ProxyTunnel.open(proxy, "hub.example", 8883, TIMEOUT_MILLIS, created -> {
            }).close();
        } catch (IOException e) {
            error = e;
        }
        assertThat(error).as("the connect failed").isNotNull();
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
        }
        return error;
    }

    /**
     * The next connection gets these bytes after its request, then the end of the stream: the peer reads the request
     * first, so that closing does not reset the connection under the client.
     */
    private void answerWith(byte[] answer) {
        CompletableFuture.runAsync(() -> {
            try (Socket socket = peer.accept(); OutputStream out = socket.getOutputStream()) {
                String request = readRequest(socket);
                assertThat(request).startsWith("CONNECT hub.example:8883 HTTP/1.1\r\n").contains("Proxy-Authorization: Basic ");
                out.write(answer);
                out.flush();
                socket.shutdownOutput();
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            } catch (IOException ignored) {
                // the client closed first
            }
        });
    }

    private static String readRequest(Socket socket) throws IOException {
        StringBuilder request = new StringBuilder();
        while (!request.toString().endsWith("\r\n\r\n") && request.length() < ProxyConnect.MAX_HEAD_BYTES) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                break;
            }
            request.append((char) b);
        }
        return request.toString();
    }

    private Socket acceptQuietly() {
        try {
            return peer.accept();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }
}
