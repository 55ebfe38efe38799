package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Username;

/** The command line, run as its own process exactly as {@code java -jar} would run it. */
class EmulatorMainTest {

    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path directory;

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EmulatorMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(false).start();
    }

    /** Reads stdout until the {@code ca:} line, which ends the start-up report. */
    private static List<String> startupReport(Process process) throws Exception {
        CompletableFuture<List<String>> report = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("ca: ")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return lines;
        });
        return report.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void printsConnectionStringsAndTheCaPath() throws Exception {
        Path ca = directory.resolve("ca.pem");
        Process process = launch("--device", "cli-device", "--device", "cli-device/cli-module", "--mqtt-port", "0",
                "--ws-port", "0", "--http-port", "0", "--ca-out", ca.toString());
        try {
            List<String> report = startupReport(process);
            List<String> connectionStrings = report.stream().filter(l -> l.startsWith("connection-string: "))
                    .map(l -> l.substring("connection-string: ".length())).toList();
            assertThat(connectionStrings).hasSize(2);
            ConnectionString device = ConnectionString.parse(connectionStrings.get(0));
            assertThat(device.deviceId()).isEqualTo("cli-device");
            assertThat(device.gatewayHostName()).isEqualTo("localhost");
            assertThat(device.sharedAccessKey()).isNotBlank();
            assertThat(ConnectionString.parse(connectionStrings.get(1)).moduleId()).isEqualTo("cli-module");
            assertThat(report).contains("ca: " + ca.toAbsolutePath());
            assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void theReadyFileReportsWhatALauncherNeedsOnceEveryListenerIsUp() throws Exception {
        Path ready = directory.resolve("emulator.properties");
        Process process = launch("--device", "launched-device", "--mqtt-port", "0", "--ws-port", "-1",
                "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString(), "--ready-file", ready.toString());
        try {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> Files.exists(ready) || !process.isAlive());
            Properties report = new Properties();
            try (Reader in = Files.newBufferedReader(ready)) {
                report.load(in);
            }
            ConnectionString device = ConnectionString.parse(report.getProperty("connection-string.launched-device"));
            assertThat(device.deviceId()).isEqualTo("launched-device");
            assertThat(report.getProperty("hub")).isEqualTo(device.hostName());
            assertThat(report.getProperty("websocket-port")).isEqualTo("-1");
            assertThat(report.getProperty("ca")).isEqualTo(directory.resolve("ca.pem").toAbsolutePath().toString());
            SSLSocketFactory tls = trusting(Path.of(report.getProperty("ca"))).getSocketFactory();
            try (SSLSocket mqtt = (SSLSocket) tls.createSocket("localhost",
                    Integer.parseInt(report.getProperty("mqtt-port")));
                    Socket http = new Socket("localhost", Integer.parseInt(report.getProperty("http-port")))) {
                mqtt.startHandshake();
                assertThat(http.isConnected()).isTrue();
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void anX509DeviceConnectsWithTheCertificateAndKeyTheEmulatorWrote() throws Exception {
        Path ready = directory.resolve("emulator.properties");
        Process process = launch("--x509-device", "camera-1", "--mqtt-port", "0", "--ws-port", "-1", "--http-port",
                "-1", "--ca-out", directory.resolve("ca.pem").toString(), "--ready-file", ready.toString());
        try {
            await().atMost(Duration.ofSeconds(WAIT_SECONDS)).until(() -> Files.exists(ready) || !process.isAlive());
            Properties report = new Properties();
            try (Reader in = Files.newBufferedReader(ready)) {
                report.load(in);
            }
            ConnectionString camera = ConnectionString.parse(report.getProperty("connection-string.camera-1"));
            assertThat(camera.isX509()).isTrue();
            Path certificate = Path.of(report.getProperty("x509-certificate.camera-1"));
            Path key = Path.of(report.getProperty("x509-key.camera-1"));
            assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);

            MqttClient client = new MqttClient("ssl://localhost:" + report.getProperty("mqtt-port"), "camera-1",
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(Username.build(report.getProperty("hub"), Identity.device("camera-1"),
                    HubLimits.DEFAULT_API_VERSION, "cli-test", null));
            options.setSocketFactory(withClientCertificate(Path.of(report.getProperty("ca")), certificate, key)
                    .getSocketFactory());
            client.connect(options);
            assertThat(client.isConnected()).isTrue();
            client.disconnect();
            client.close();
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    private static SSLContext withClientCertificate(Path caPem, Path certificatePem, Path keyPem) throws Exception {
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(certificatePem)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        PrivateKey key;
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(keyPem))) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            key = parsed instanceof PEMKeyPair pair
                    ? converter.getKeyPair(pair).getPrivate()
                    : converter.getPrivateKey((PrivateKeyInfo) parsed);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", key, new char[0], new X509Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(keyManagers.getKeyManagers(), trustManagers(caPem), null);
        return context;
    }

    @Test
    void theDpsEndpointStartsWithItsEnrollmentsAndABadFileStopsTheStart() throws Exception {
        Path enrollments = Files.writeString(directory.resolve("enrollments.json"),
                "{\"enrollments\": [{\"enrollmentGroupId\": \"g\", \"attestation\": {\"symmetricKey\": {\"primaryKey\": \""
                        + DeviceRegistry.newKey() + "\"}}}]}");
        Process process = launch("--mqtt-port", "0", "--ws-port", "-1", "--http-port", "-1", "--dps-port", "0",
                "--id-scope", "0ne00C11", "--enrollments", enrollments.toString(), "--ca-out",
                directory.resolve("ca.pem").toString());
        try {
            String dps = startupReport(process).stream().filter(l -> l.startsWith("dps: ")).findFirst().orElseThrow();
            int port = Integer.parseInt(dps.split("\\s+")[1]);
            assertThat(dps).endsWith("id-scope: 0ne00C11");
            try (Socket listening = new Socket("localhost", port)) {
                assertThat(listening.isConnected()).isTrue();
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }

        Path bad = Files.writeString(directory.resolve("bad.json"), "{\"enrollments\": [{\"registrationId\": \"a\"}]}");
        Process failing = launch("--mqtt-port", "0", "--ws-port", "-1", "--http-port", "-1", "--dps-port", "0",
                "--enrollments", bad.toString(), "--ca-out", directory.resolve("ca.pem").toString());
        assertThat(failing.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(failing.exitValue()).isEqualTo(1);
        assertThat(new String(failing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("error: ").contains("enrollment 1: attestation needs");
    }

    @Test
    void aBadRoutesFileIsReportedByRouteName() throws Exception {
        Path routes = directory.resolve("routes.json");
        Files.writeString(routes, "{\"routes\": {\"broken\": \"FROM /messages/* INTO $downstream\"}}");
        Process process = launch("--edge-routes", routes.toString(), "--mqtt-port", "0", "--ws-port", "0",
                "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString());
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exits").isTrue();
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(error).startsWith("error: " + routes + ": route 'broken': sink '$downstream'");
    }

    @Test
    void aPortInUseIsReportedWithTheOptionToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Process process = launch("--device", "d", "--mqtt-port", Integer.toString(taken.getLocalPort()),
                    "--ws-port", "0", "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString());
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exits").isTrue();
            String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(error).contains("port " + taken.getLocalPort()).contains("--mqtt-port N");
        }
    }

    @Test
    void localhostAsTheHubNameGivesConnectionStringsWithoutAGateway() throws Exception {
        Process process = launch("--device", "local-device", "--host-name", "localhost", "--mqtt-port", "0",
                "--ws-port", "0", "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString());
        try {
            List<String> report = startupReport(process);
            assertThat(report).contains("hub: localhost");
            ConnectionString device = ConnectionString.parse(report.stream()
                    .filter(l -> l.startsWith("connection-string: ")).findFirst().orElseThrow()
                    .substring("connection-string: ".length()));
            assertThat(device.hostName()).isEqualTo("localhost");
            assertThat(device.gatewayHostName()).isNull();
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
    }

    @Test
    void aFailureAfterTheListenersAreUpStopsTheProcessWithAnError() throws Exception {
        Process process = launch("--device", "d", "--host-name", "not a host", "--mqtt-port", "0", "--ws-port", "0",
                "--http-port", "0", "--ca-out", directory.resolve("ca.pem").toString());
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("exits, not half started").isTrue();
        String error = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(error).startsWith("error: ").contains("'not a host' is not a host name")
                .doesNotContain("\tat ").doesNotContain("Exception in thread");
    }

    @Test
    void badClientsCostAtMostOneShortLineEachAndNoStackTrace() throws Exception {
        Path ca = directory.resolve("ca.pem");
        Process process = launch("--device", "d", "--mqtt-port", "0", "--ws-port", "0", "--http-port", "0",
                "--ca-out", ca.toString());
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int clients = 0;
        try {
            String[] ports = startupReport(process).stream().filter(line -> line.startsWith("mqtt: ")).findFirst()
                    .orElseThrow().replaceAll("[^0-9]+", " ").trim().split(" ");
            int mqtt = Integer.parseInt(ports[0]);
            SSLSocketFactory tls = trusting(ca).getSocketFactory();
            for (int round = 0; round < 10; round++) {
                BadClient.send(new Socket("localhost", mqtt), BadClient.GARBAGE);
                BadClient.send(tls.createSocket("localhost", mqtt), BadClient.GARBAGE);
                BadClient.send(tls.createSocket("localhost", mqtt), BadClient.PUBLISH_BEFORE_CONNECT);
                BadClient.send(tls.createSocket("localhost", Integer.parseInt(ports[1])), BadClient.GARBAGE);
                BadClient.send(new Socket("localhost", Integer.parseInt(ports[2])), BadClient.GARBAGE);
                clients += 5;
            }
        } finally {
            process.destroy();
            assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        List<String> log = stderr.get(WAIT_SECONDS, TimeUnit.SECONDS).lines().toList();
        assertThat(log).as("at most one line per bad client").hasSizeLessThanOrEqualTo(clients);
        assertThat(log).as("no stack trace").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
        assertThat(log).as("a bad client is no emulator error").noneMatch(line -> line.contains(" ERROR "));
        assertThat(log).as("short lines").allMatch(line -> line.length() <= 300);
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(null, trustManagers(caPem), null);
        return context;
    }

    private static TrustManager[] trustManagers(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        return trustManagers.getTrustManagers();
    }

    @Test
    void helpDescribesTheOptions() throws Exception {
        Process process = launch("--help");
        assertThat(process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        String help = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help).contains("--device ID", "--devices FILE", "--mqtt-port N", "--ws-port N", "--http-port N",
                "--ca-out FILE", "--bind HOST", "--ready-file FILE", "--x509-device ID");
    }
}
