package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.test.EndpointFailures;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.PemFiles;
import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.github.iothubmqtt.emulator.RegisteredIdentity;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.emulator.Thumbprints;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.ResolveEndpointFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * TLS from the PEM files users get from Azure and OpenSSL, with no Java code: trust in the hub's CA, X.509 device
 * authentication, Camel's global TLS settings, and what the log says when the hub is not trusted.
 */
class PemTlsTest extends EmulatorTestSupport {

    @TempDir
    Path files;

    @Test
    void trustsTheHubThroughAPemFile() {
        Identity device = newDevice("pem-trust");

        template.sendBody(sasUri(device, "trustCertificates=file:" + hub.caCertificatePath()), "trusted by PEM");

        assertThat(received(device)).containsExactly("trusted by PEM");
    }

    @Test
    void readsTrustFromTheClasspath() throws Exception {
        PemFiles.write(files, "hub-ca.pem", PemFiles.certificate(hub.certificateAuthority().certificate()));
        context.setApplicationContextClassLoader(new URLClassLoader(new URL[] {files.toUri().toURL()},
                getClass().getClassLoader()));
        Identity device = newDevice("pem-classpath");

        template.sendBody(sasUri(device, "trustCertificates=classpath:hub-ca.pem"), "trusted from the classpath");

        assertThat(received(device)).containsExactly("trusted from the classpath");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqtt-ws"})
    void authenticatesWithAPemCertificateAndPkcs8Key(String transport) {
        Identity device = x509Device();
        CertificateAuthority.Issued issued = issue(device);
        Path certificate = PemFiles.write(files, "device.pem", PemFiles.certificate(issued.certificate()));
        Path key = PemFiles.write(files, "device.key", PemFiles.pkcs8(issued.privateKey()));
        int port = transport.equals("mqtt") ? hub.mqttPort() : hub.webSocketPort();

        template.sendBody(x509Uri(device, port, "transport=" + transport + "&clientCertificate=file:" + certificate
                + "&clientKey=file:" + key), "signed by a PEM certificate");

        assertThat(received(device)).containsExactly("signed by a PEM certificate");
    }

    @Test
    void acceptsAnRsaPkcs1KeyInTheCertificateFile() {
        Identity device = x509Device();
        CertificateAuthority.Issued issued = issue(device);
        Path both = PemFiles.write(files, "device-with-key.pem",
                PemFiles.certificate(issued.certificate()) + PemFiles.pkcs1(issued.privateKey()));

        template.sendBody(x509Uri(device, hub.mqttPort(), "clientCertificate=file:" + both), "one file");

        assertThat(received(device)).containsExactly("one file");
    }

    @Test
    void usesCamelsGlobalTlsWhenAskedTo() {
        context.setSSLContextParameters(Trust.trusting(hub.trustStore()));
        context.getComponent("iothub-mqtt", IotHubMqttComponent.class).setUseGlobalSslContextParameters(true);
        Identity sas = newDevice("global");
        Identity x509 = x509Device();
        CertificateAuthority.Issued issued = issue(x509);
        Path certificate = PemFiles.write(files, "global-device.pem",
                PemFiles.certificate(issued.certificate()) + PemFiles.pkcs8(issued.privateKey()));

        template.sendBody(sasUri(sas, ""), "global trust");
        // the PEM certificate adds the key material; the trust stays the global one
        template.sendBody(x509Uri(x509, hub.mqttPort(), "clientCertificate=file:" + certificate), "global trust, PEM key");

        assertThat(received(sas)).containsExactly("global trust");
        assertThat(received(x509)).containsExactly("global trust, PEM key");
    }

    @Test
    void anUntrustedHubIsLoggedWithTheOptionToSet() {
        Identity device = newDevice("untrusted");
        String status = sasUri(device, ""); // the JVM's trust store does not know the emulator's CA
        CapturedLogs.clear();

        SessionStatus refused = await().atMost(WAIT).until(() -> template.requestBody(
                status.replace("iothub-mqtt:telemetry", "iothub-mqtt:status"), null, SessionStatus.class),
                s -> s.lastDisconnectDetail() != null);

        assertThat(refused.connected()).isFalse();
        assertThat(refused.lastDisconnectDetail()).startsWith("the hub's certificate is not trusted: set trustCertificates");
        assertThat(CapturedLogs.events()).anySatisfy(e -> {
            assertThat(e.level()).isEqualTo(Level.WARN);
            assertThat(e.message()).contains(device.deviceId(), "not trusted", "trustCertificates");
        });
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedWithoutShowingIt() {
        Identity device = x509Device();
        CertificateAuthority.Issued issued = issue(device);
        String otherKey = PemFiles.pkcs8(issue(Identity.device("other")).privateKey());
        Path certificate = PemFiles.write(files, "mine.pem", PemFiles.certificate(issued.certificate()));
        Path key = PemFiles.write(files, "other.key", otherKey);

        assertThatThrownBy(() -> context.getEndpoint(x509Uri(device, hub.mqttPort(), "clientCertificate=file:"
                + certificate + "&clientKey=file:" + key))).isInstanceOf(ResolveEndpointFailedException.class)
                .rootCause().hasMessageContaining("does not belong to the certificate")
                .hasMessageContaining("CN=" + device.deviceId())
                .hasMessageNotContaining(otherKey.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void unsupportedOrMissingFilesSayWhatToDo() {
        Identity device = x509Device();
        Path certificate = PemFiles.write(files, "c.pem", PemFiles.certificate(issue(device).certificate()));
        Path encrypted = PemFiles.write(files, "enc.key", PemFiles.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        Path ecSec1 = PemFiles.write(files, "ec.key", PemFiles.pem("EC PRIVATE KEY", new byte[] {1, 2, 3}));
        Path notPem = PemFiles.write(files, "der.cer", Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));

        assertThat(
                EndpointFailures
                        .messages(
                                context, x509Uri(device, hub.mqttPort(),
                                        "clientCertificate=file:" + certificate + "&clientKey=file:"
                                                + encrypted)))
                .contains("encrypted private key", "openssl pkcs8 -topk8 -nocrypt");
        assertThat(EndpointFailures.messages(context,
                x509Uri(device, hub.mqttPort(), "clientCertificate=file:" + certificate + "&clientKey=file:"
                        + ecSec1)))
                .contains("EC PRIVATE KEY", "openssl pkcs8 -topk8 -nocrypt");
        assertThat(EndpointFailures.messages(context, x509Uri(device, hub.mqttPort(), "clientCertificate=file:" + certificate)))
                .contains("holds no private key: set clientKey");
        assertThat(EndpointFailures.messages(context, sasUri(newDevice("pem"), "trustCertificates=file:" + notPem))).contains(
                notPem.toString(),
                "is not PEM");
        assertThat(EndpointFailures.messages(context,
                sasUri(newDevice("pem"), "trustCertificates=file:" + files.resolve("missing.pem"))))
                .contains("trustCertificates cannot be read from file:");
        assertThat(EndpointFailures.messages(context, sasUri(newDevice("pem"), "clientKey=file:" + certificate)))
                .contains("clientKey is set without clientCertificate");
    }

    private static Identity x509Device() {
        return Identity.device("pem-x509-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A certificate of the hub's CA for the device, registered by thumbprint. */
    private static CertificateAuthority.Issued issue(Identity device) {
        CertificateAuthority.Issued issued = hub.certificateAuthority().issueClientCertificate(device.deviceId());
        hub.registry().add(RegisteredIdentity.withThumbprints(device, Thumbprints.sha1(issued.certificate()), null));
        return issued;
    }

    /** SAS authentication, with no sslContextParameters: the options given set the TLS. */
    private static String sasUri(Identity device, String options) {
        return "iothub-mqtt:telemetry?connectionString=RAW(" + hub.connectionString(device) + ")&port=" + hub.mqttPort()
                + "&sendTimeout=20000" + (options.isEmpty() ? "" : "&" + options);
    }

    /** X.509 authentication (the connection string has x509=true), trusting the hub by PEM. */
    private static String x509Uri(Identity device, int port, String options) {
        String trust = "&trustCertificates=file:" + hub.caCertificatePath();
        return "iothub-mqtt:telemetry?connectionString=RAW(" + hub.connectionString(device) + ")&port=" + port + trust
                + "&" + options;
    }

    private static java.util.List<String> received(Identity device) {
        return hub.service().awaitTelemetry(device, 1, Duration.ofSeconds(20)).stream()
                .map(TelemetryMessage::bodyAsString).toList();
    }
}
