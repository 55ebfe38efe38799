package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * {@code --ready-file FILE}: the start-up report as Java properties, for a program that launches the emulator and
 * must read its ports and connection strings back. Written under another name and moved into place, so a reader that
 * sees the file sees all of it.
 */
final class ReadyFile {

    static final String HUB = "hub";
    static final String MQTT_PORT = "mqtt-port";
    static final String WEBSOCKET_PORT = "websocket-port";
    static final String HTTP_PORT = "http-port";
    static final String DPS_PORT = "dps-port";
    static final String CA = "ca";
    /** Followed by the identity's client id ({@code device} or {@code device/module}). */
    static final String CONNECTION_STRING_PREFIX = "connection-string.";
    /** Followed by the id of a {@code --x509-device}: the path of its certificate, and of its private key (PEM). */
    static final String X509_CERTIFICATE_PREFIX = "x509-certificate.";
    static final String X509_KEY_PREFIX = "x509-key.";

    private ReadyFile() {
    }

    static void write(IotHubEmulator hub, Map<String, X509DeviceFiles> x509Devices, Path file) {
        Properties report = new Properties();
        report.setProperty(HUB, hub.hubHostName());
        report.setProperty(MQTT_PORT, Integer.toString(hub.mqttPort()));
        report.setProperty(WEBSOCKET_PORT, Integer.toString(hub.webSocketPort()));
        report.setProperty(HTTP_PORT, Integer.toString(hub.httpPort()));
        report.setProperty(DPS_PORT, Integer.toString(hub.dpsPort()));
        report.setProperty(CA, hub.caCertificatePath().toAbsolutePath().toString());
        for (RegisteredIdentity entry : hub.registry().all()) {
            report.setProperty(CONNECTION_STRING_PREFIX + entry.identity().clientId(),
                    hub.connectionString(entry.identity()));
        }
        x509Devices.forEach((deviceId, files) -> {
            report.setProperty(X509_CERTIFICATE_PREFIX + deviceId, files.certificate().toString());
            report.setProperty(X509_KEY_PREFIX + deviceId, files.key().toString());
        });
        Path absolute = file.toAbsolutePath();
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                report.store(out, "iothub-emulator: started; -1 = off");
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ready file " + absolute, e);
        }
    }
}
