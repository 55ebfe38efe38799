package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.Identity;

/** MQTT over WebSocket over TLS: IoT Hub's path, its query, and the sub-protocol in any case. */
class WebSocketTest extends EmulatorTest {

    private static final Identity DEVICE = Identity.device("ws-device");

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().device(DEVICE.deviceId()).start();
    }

    @Test
    void pahoTalksMqttOverTheIotHubWebSocketPath() throws Exception {
        try (PahoDevice device = PahoDevice.connect(PahoDevice.webSocketUri(hub), hub, DEVICE, options -> {
        })) {
            device.subscribe(CloudToDevice.subscribeFilter(DEVICE), 1);
            device.client.publish("devices/ws-device/messages/events/k=v", "over ws".getBytes(), 1, false);
            assertThat(hub.service().awaitTelemetry(DEVICE, 1, PahoDevice.WAIT).get(0).bodyAsString())
                    .isEqualTo("over ws");
            hub.service().sendC2d(DEVICE, "back over ws", java.util.Map.of());
            assertThat(device.awaitMessage().body()).isEqualTo("back over ws");
        }
    }

    @Test
    void theSubProtocolIsAcceptedInAnyCaseAndEchoed() throws Exception {
        for (String protocol : new String[] {"mqtt", "MQTT", "Mqtt"}) {
            String response = upgrade("/$iothub/websocket", protocol);
            assertThat(response).as(protocol).startsWith("HTTP/1.1 101");
            assertThat(response.toLowerCase()).contains("upgrade: websocket");
            assertThat(response).containsIgnoringCase("sec-websocket-protocol: " + protocol + "\r\n");
            assertThat(response).contains(protocol + "\r\n");
        }
    }

    @Test
    void theNoClientCertQueryIsAccepted() throws Exception {
        assertThat(upgrade("/$iothub/websocket?iothub-no-client-cert=true", "mqtt")).startsWith("HTTP/1.1 101");
    }

    @Test
    void otherPathsAndSubProtocolsAreRefused() throws Exception {
        assertThat(upgrade("/mqtt", "mqtt")).startsWith("HTTP/1.1 404");
        assertThat(upgrade("/$iothub/websocket", "amqpwsb10")).startsWith("HTTP/1.1 400");
    }

    /** Sends a WebSocket upgrade over TLS and returns the response head. */
    private static String upgrade(String path, String protocol) throws IOException {
        try (SSLSocket socket = (SSLSocket) hub.clientSslContext().getSocketFactory().createSocket("localhost",
                hub.webSocketPort())) {
            socket.setSoTimeout((int) PahoDevice.WAIT.toMillis());
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: localhost:" + hub.webSocketPort() + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Protocol: " + protocol + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
