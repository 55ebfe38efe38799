package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A client that sends what is not MQTT, or MQTT out of order, then waits for the emulator to hang up. */
final class BadClient {

    /** Neither TLS, nor MQTT, nor HTTP: each listener gives up on it at the first byte. */
    static final byte[] GARBAGE = "\u0000\u00ff\u0013garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
    /** A well-formed PUBLISH (topic "a", body "hi") where CONNECT must come first. */
    static final byte[] PUBLISH_BEFORE_CONNECT = {0x30, 0x05, 0x00, 0x01, 'a', 'h', 'i'};

    private static final int WAIT_MILLIS = 3_000;

    private BadClient() {
    }

    static void send(Socket socket, byte[] bytes) throws IOException {
        try (socket) {
            socket.setSoTimeout(WAIT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            while (socket.getInputStream().read() >= 0) {
                // whatever the emulator answers, the end of the connection is what the client waits for
            }
        } catch (IOException e) {
            // a reset or a failed handshake is an end as well
        }
    }
}
