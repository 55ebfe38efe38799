package io.github.iothubmqtt.camel.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;

/**
 * An application that names no device gets the Dev Service's emulator, in a JVM of its own: the component is
 * configured for the first device, with the emulator's port and CA, and the log shows the emulator but no key.
 */
class EmulatorDevServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.iothub-mqtt.devservices.devices", "first-device,second-device")
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.github.iothubmqtt"))
            .assertLogRecords(records -> assertThat(records)
                    .map(record -> ((ExtLogRecord) record).getFormattedMessage())
                    .anyMatch(message -> message.startsWith("Dev Services for iothub-mqtt started the IoT Hub emulator"))
                    .noneMatch(message -> message.contains("SharedAccessKey")));

    @Inject
    CamelContext context;

    @ConfigProperty(name = "iothub-mqtt.devices.second-device.connection-string")
    String secondDevice;

    @ConfigProperty(name = "iothub-mqtt.emulator.url")
    String emulatorUrl;

    @Test
    void configuresTheComponentForTheFirstDeviceAndTrustsTheEmulator() throws Exception {
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();

        assertThat(configuration.getConnectionString()).contains("DeviceId=first-device;");
        assertThat(configuration.getPort()).isPositive();
        assertThat(configuration.getTrustCertificates()).startsWith("file:");
        assertThat(Files.readString(Path.of(configuration.getTrustCertificates().substring("file:".length()))))
                .startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(secondDevice).contains("DeviceId=second-device;");
    }

    /**
     * A {@code @QuarkusIntegrationTest} passes the Dev Service's configuration to the packaged application as
     * {@code -D} options, which Quarkus prints: the keys travel in the emulator's ready file instead.
     */
    @Test
    void theDevServicesConfigurationHoldsNoKey() {
        List<ConfigSource> devServices = StreamSupport
                .stream(ConfigProvider.getConfig().getConfigSources().spliterator(), false)
                .filter(source -> source.getClass().getSimpleName().equals("DevServicesConfigSource")).toList();

        assertThat(devServices).singleElement().satisfies(source -> assertThat(source.getProperties())
                .containsKey("iothub-mqtt.emulator.ready-file")
                .allSatisfy((name, value) -> assertThat(value).doesNotContain("SharedAccessKey")));
    }

    @Test
    void theCloudSideIsTheEmulatorsHttpApi() throws Exception {
        HttpResponse<String> devices = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulatorUrl + "/emulator/devices")).timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(devices.statusCode()).isEqualTo(200);
        assertThat(devices.body()).contains("\"first-device\"", "\"second-device\"");
    }
}
