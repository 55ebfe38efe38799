package io.github.iothubmqtt.camel.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Each control of the proxy, seen by a raw client socket, with an echo server as the target. */
class FaultProxyTest {

    private static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ServerSocket echo;
    private final Set<Socket> echoed = ConcurrentHashMap.newKeySet();
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::echoLoop, "echo-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = FaultProxy.start("127.0.0.1", echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
        for (Socket socket : echoed) {
            socket.close();
        }
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                echoed.add(socket);
                Thread copier = new Thread(() -> {
                    try (socket) {
                        socket.getInputStream().transferTo(socket.getOutputStream());
                    } catch (IOException e) {
                        // the proxy closed or reset it
                    }
                }, "echo");
                copier.setDaemon(true);
                copier.start();
            } catch (IOException e) {
                // closed by stop()
            }
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.UTF_8);
    }

    @Test
    void forwardsBothWays() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, "hello")).isEqualTo("hello");
            assertThat(proxy.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void killEndsOpenConnectionsWithAFinAndKeepsListening() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, "before");
            proxy.kill();
            assertThat(socket.getInputStream().read()).as("end of stream, not an error").isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> proxy.connectionCount() == 0);
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "after")).isEqualTo("after");
        }
    }

    @Test
    void resetEndsOpenConnectionsWithAnRst() throws IOException {
        try (Socket socket = connect()) {
            roundTrip(socket, "before");
            proxy.reset();
            InputStream in = socket.getInputStream();
            assertThatThrownBy(in::read).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
        }
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "after")).isEqualTo("after");
        }
    }

    @Test
    void blackHoleDeliversNothingAndClosesNothingUntilSwitchedOff() throws IOException {
        try (Socket existing = connect()) {
            roundTrip(existing, "before");
            proxy.blackHole(true);
            try (Socket opened = connect()) {
                for (Socket socket : new Socket[] {existing, opened}) {
                    socket.setSoTimeout(500);
                    socket.getOutputStream().write("lost".getBytes(StandardCharsets.UTF_8));
                    assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                    assertThat(socket.isClosed()).isFalse();
                }
                assertThat(proxy.connectionCount()).isEqualTo(2);

                proxy.blackHole(false);
                for (Socket socket : new Socket[] {existing, opened}) {
                    assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketException.class)
                            .hasMessageContaining("Connection reset");
                }
            }
        }
        try (Socket again = connect()) {
            assertThat(roundTrip(again, "after")).isEqualTo("after");
        }
    }

    @Test
    void delayAddsLatencyToEachChunk() throws IOException {
        try (Socket socket = connect()) {
            long direct = timed(() -> roundTrip(socket, "warm-up"));
            proxy.delay(Duration.ofMillis(300));
            long delayed = timed(() -> roundTrip(socket, "slow"));
            assertThat(delayed).as("one delay each way, in ms (undelayed: %d)", direct).isGreaterThanOrEqualTo(600);
            proxy.delay(Duration.ZERO);
            assertThat(timed(() -> roundTrip(socket, "fast"))).isLessThan(600);
        }
    }

    @Test
    void stopClosesConnectionsAndTheListener() throws IOException {
        Socket socket = connect();
        roundTrip(socket, "accepted"); // one still in the listen backlog would be reset instead
        proxy.stop();
        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        socket.close();
        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);
        assertThat(proxy.connectionCount()).isZero();
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static long timed(IoAction action) throws IOException {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
