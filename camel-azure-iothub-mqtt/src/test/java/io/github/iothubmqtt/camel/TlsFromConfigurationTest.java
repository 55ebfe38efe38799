package io.github.iothubmqtt.camel;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import io.github.iothubmqtt.camel.test.PemFiles;
import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.RegisteredIdentity;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.emulator.Thumbprints;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PEM files and Camel's global TLS settings from configuration alone, as camel-main reads it: application.properties
 * files and a YAML route (src/test/resources/tls), with no Java class; docs/reference.md shows them.
 */
class TlsFromConfigurationTest {

    private static final String PASSWORD = "changeit";
    private static IotHubEmulator hub;

    @TempDir
    Path certs;

    @BeforeAll
    static void startEmulator() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).bindHost("127.0.0.1").start();
    }

    @AfterAll
    static void stopEmulator() {
        hub.close();
    }

    @Test
    void pemFilesInPropertiesAndYaml() throws Exception {
        runAndSend("classpath:tls/pem.properties");
    }

    @Test
    void camelsGlobalTlsSettings() throws Exception {
        runAndSend("classpath:tls/global-ssl.properties");
    }

    /**
     * Runs camel-main with the properties file and the YAML route it names, and sends through both routes: the
     * component's device (properties) and the YAML route's own.
     */
    private void runAndSend(String propertiesFile) throws Exception {
        Identity device = x509Device("device");
        Identity yamlDevice = x509Device("yaml-device");
        PemFiles.write(certs, "hub-ca.pem", PemFiles.certificate(hub.certificateAuthority().certificate()));
        store(hub.trustStore(), "hub-ca.p12");
        Properties given = new Properties();
        given.setProperty("certs", certs.toString());
        given.setProperty("certs.password", PASSWORD);
        given.setProperty("hub.port", String.valueOf(hub.mqttPort()));
        given.setProperty("device.connection-string", hub.connectionString(device));
        given.setProperty("yaml-device.connection-string", hub.connectionString(yamlDevice));

        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation(propertiesFile);
        main.setOverrideProperties(given);
        main.start();
        try (ProducerTemplate template = main.getCamelContext().createProducerTemplate()) {
            template.sendBody("direct:properties-device", "configured by " + propertiesFile);
            template.sendBody("direct:yaml-device", "configured by the YAML route");
        } finally {
            main.stop();
        }

        assertThat(received(device)).isEqualTo("configured by " + propertiesFile);
        assertThat(received(yamlDevice)).isEqualTo("configured by the YAML route");
    }

    /** A device of the hub's CA, registered by thumbprint, its PEM certificate and key written to {@code certs}. */
    private Identity x509Device(String name) throws Exception {
        Identity device = Identity.device(name + "-" + UUID.randomUUID().toString().substring(0, 8));
        CertificateAuthority.Issued issued = hub.certificateAuthority().issueClientCertificate(device.deviceId());
        hub.registry().add(RegisteredIdentity.withThumbprints(device, Thumbprints.sha1(issued.certificate()), null));
        PemFiles.write(certs, name + ".pem", PemFiles.certificate(issued.certificate()));
        PemFiles.write(certs, name + ".key", PemFiles.pkcs8(issued.privateKey()));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry(name, issued.privateKey(), PASSWORD.toCharArray(), new X509Certificate[] {issued.certificate()});
        store(keys, name + ".p12");
        return device;
    }

    private void store(KeyStore store, String file) throws Exception {
        try (OutputStream out = Files.newOutputStream(certs.resolve(file))) {
            store.store(out, PASSWORD.toCharArray());
        }
    }

    private static String received(Identity device) {
        return hub.service().awaitTelemetry(device, 1, Duration.ofSeconds(20)).get(0).bodyAsString();
    }
}
