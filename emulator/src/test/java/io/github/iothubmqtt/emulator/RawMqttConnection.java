package io.github.iothubmqtt.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

/**
 * A bare MQTT 3.1.1 connection over TLS that sends CONNECT and then nothing, not even PINGREQ: what a hung device
 * looks like to the hub. For the keep-alive rule, which Paho (pinging on its own) cannot show.
 */
final class RawMqttConnection implements AutoCloseable {

    private final SSLSocket socket;

    private RawMqttConnection(SSLSocket socket) {
        this.socket = socket;
    }

    static RawMqttConnection connect(IotHubEmulator hub, String clientId, String username, String password,
            int keepAliveSeconds) throws IOException {
        SSLSocket socket = (SSLSocket) hub.clientSslContext().getSocketFactory().createSocket("localhost",
                hub.mqttPort());
        socket.setSoTimeout((int) PahoDevice.WAIT.toMillis());
        socket.getOutputStream().write(connectPacket(clientId, username, password, keepAliveSeconds));
        socket.getOutputStream().flush();
        return new RawMqttConnection(socket);
    }

    /** Reads the CONNACK and returns its return code. */
    int readConnackCode() throws IOException {
        byte[] connack = socket.getInputStream().readNBytes(4);
        if (connack.length != 4 || connack[0] != 0x20) {
            throw new IOException("expected CONNACK, read " + connack.length + " bytes");
        }
        return connack[3];
    }

    /** How long until the hub closed the socket, or null if it stayed open for {@code max}. */
    Duration awaitClose(Duration max) throws IOException {
        long start = System.nanoTime();
        socket.setSoTimeout((int) max.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // the hub sends nothing unasked; keep reading until the close
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            // a reset is a close as well
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static byte[] connectPacket(String clientId, String username, String password, int keepAlive) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        body.write(0xC2);
        body.write(keepAlive >> 8);
        body.write(keepAlive & 0xFF);
        writeString(body, clientId);
        writeString(body, username);
        writeString(body, password);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        int length = body.size();
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }
}
