package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.Identity;

/** The HTTP API serves the developer's machine only: loopback by default, local Host and Origin, no stored uploads. */
class HttpApiSecurityTest extends EmulatorTest {

    private static final Identity DEVICE = Identity.device("guarded-device");
    private static final byte[] NO_BODY = new byte[0];

    @BeforeAll
    static void start() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(0).device(DEVICE.deviceId()).start();
    }

    private static RawHttp.Response get(String path, Map<String, String> headers) throws IOException {
        return RawHttp.send(hub.httpPort(), "GET", path, headers, NO_BODY);
    }

    @Test
    void localHostNamesAreServed() throws IOException {
        for (String host : List.of("localhost", "127.0.0.1", "[::1]", "LOCALHOST:" + hub.httpPort())) {
            assertThat(get("/emulator/devices", Map.of("Host", host)).status()).as(host).isEqualTo(200);
        }
    }

    @Test
    void aForeignHostIsRefusedAsADnsRebindingPageWouldSendIt() throws IOException {
        RawHttp.Response response = get("/twins/guarded-device", Map.of("Host", "attacker.example:" + hub.httpPort()));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).contains("attacker.example").doesNotContain("properties");
    }

    @Test
    void aForeignOriginCannotSendCloudToDeviceMessagesWithASimpleRequest() throws IOException {
        RawHttp.Response response = RawHttp.send(hub.httpPort(), "POST", "/devices/guarded-device/messages/deviceBound",
                Map.of("Host", "localhost", "Origin", "https://attacker.example", "Content-Type", "text/plain"),
                "open the door".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(403);
        assertThat(hub.service().pendingC2d(DEVICE)).isZero();
        assertThat(RawHttp.send(hub.httpPort(), "POST", "/emulator/drop-all",
                Map.of("Host", "localhost", "Origin", "null"), NO_BODY).status()).isEqualTo(403);
    }

    @Test
    void aSameHostOriginIsServed() throws IOException {
        assertThat(RawHttp.send(hub.httpPort(), "POST", "/emulator/drop-all",
                Map.of("Host", "localhost", "Origin", "http://localhost:" + hub.httpPort()), NO_BODY).status())
                .isEqualTo(200);
    }

    @Test
    void aMultipartUploadLeavesNoFileAndNoFolder() throws IOException {
        Path uploads = Path.of("file-uploads");
        List<Path> before = listing(uploads);
        String boundary = "----boundary";
        byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(100_000) + "\r\n--" + boundary
                + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (String path : List.of("/nowhere", "/emulator/drop-all")) {
            RawHttp.Response response = RawHttp.send(hub.httpPort(), "POST", path,
                    Map.of("Host", "localhost", "Content-Type", "multipart/form-data; boundary=" + boundary), body);
            assertThat(response.status()).as(path).isIn(200, 404);
        }
        assertThat(listing(uploads)).as("nothing stored in ./file-uploads").isEqualTo(before);
        if (before.isEmpty()) {
            assertThat(uploads).doesNotExist();
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() throws IOException {
        RawHttp.Response response = RawHttp.send(hub.httpPort(), "POST", "/devices/guarded-device/messages/deviceBound",
                Map.of("Host", "localhost"), new byte[300 * 1024]);
        assertThat(response.status()).isEqualTo(413);
        assertThat(hub.service().pendingC2d(DEVICE)).isZero();
    }

    @Test
    void listensOnLoopbackOnlyByDefault() throws IOException {
        InetAddress external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst().orElse(null);
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
        assertThatThrownBy(() -> new Socket(external, hub.httpPort()).close()).isInstanceOf(ConnectException.class);
        try (Socket mqtt = new Socket(external, hub.mqttPort())) {
            assertThat(mqtt.isConnected()).as("MQTT still listens everywhere").isTrue();
        }
    }

    @Test
    void aWildcardBindServesIpAddressesButNoForeignName() throws IOException {
        try (IotHubEmulator everywhere = IotHubEmulator.builder().mqttPort(-1).webSocketPort(-1).httpPort(0)
                .httpBindHost("0.0.0.0").start()) {
            assertThat(RawHttp.send(everywhere.httpPort(), "GET", "/emulator/devices",
                    Map.of("Host", "192.168.1.50:" + everywhere.httpPort(), "Origin", "http://[fd00::5]:3000"),
                    NO_BODY).status()).isEqualTo(200);
            assertThat(RawHttp.send(everywhere.httpPort(), "GET", "/emulator/devices",
                    Map.of("Host", "attacker.example"), NO_BODY).status()).isEqualTo(403);
        }
    }

    private static List<Path> listing(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.sorted().toList();
        }
    }
}
