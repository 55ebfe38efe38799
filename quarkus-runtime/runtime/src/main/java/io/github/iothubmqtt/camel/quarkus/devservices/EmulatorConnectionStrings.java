package io.github.iothubmqtt.camel.quarkus.devservices;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * The connection strings of the Dev Service's emulator, read from the emulator's ready file in the application: the
 * Dev Service hands over the file's path only, so device keys appear in no command line (a
 * {@code @QuarkusIntegrationTest} passes the Dev Service's configuration as {@code -D} options, which Quarkus prints)
 * and in no log. Without {@value #READY_FILE} it adds nothing.
 */
public final class EmulatorConnectionStrings implements ConfigSourceFactory {

    /** The path of the emulator's ready file (Java properties, {@code connection-string.<device id>} among them). */
    public static final String READY_FILE = "iothub-mqtt.emulator.ready-file";
    /** The device that the component connects as. */
    public static final String DEVICE = "iothub-mqtt.emulator.device";
    /** Every device's connection string: {@value}{@code <device id>.connection-string}. */
    public static final String DEVICES_PREFIX = "iothub-mqtt.devices.";
    public static final String COMPONENT_CONNECTION_STRING = "camel.component.iothub-mqtt.connection-string";

    /** The ordinal of Quarkus's own Dev Services configuration: below application.properties. */
    private static final int ORDINAL = 240;
    private static final String REPORTED_CONNECTION_STRING = "connection-string.";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue readyFile = context.getValue(READY_FILE);
        if (readyFile == null || readyFile.getValue() == null) {
            return List.of();
        }
        Properties report = read(Path.of(readyFile.getValue()));
        Map<String, String> config = new HashMap<>();
        for (String key : report.stringPropertyNames()) {
            if (key.startsWith(REPORTED_CONNECTION_STRING)) {
                String deviceId = key.substring(REPORTED_CONNECTION_STRING.length());
                config.put(DEVICES_PREFIX + deviceId + ".connection-string", report.getProperty(key));
            }
        }
        ConfigValue device = context.getValue(DEVICE);
        if (device != null && device.getValue() != null) {
            config.put(COMPONENT_CONNECTION_STRING, report.getProperty(REPORTED_CONNECTION_STRING + device.getValue()));
        }
        return List.of(new PropertiesConfigSource(config, "iothub-mqtt Dev Service emulator", ORDINAL));
    }

    private static Properties read(Path readyFile) {
        Properties report = new Properties();
        try (Reader in = Files.newBufferedReader(readyFile)) {
            report.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the iothub-mqtt Dev Service's emulator is gone: no " + readyFile, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the emulator's ready file " + readyFile, e);
        }
        return report;
    }
}
