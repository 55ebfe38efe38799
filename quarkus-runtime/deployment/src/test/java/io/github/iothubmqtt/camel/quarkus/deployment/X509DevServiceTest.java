package io.github.iothubmqtt.camel.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;

/**
 * A first device that authenticates with X.509: the Dev Service registers it with a certificate the emulator's CA
 * issues and gives the component that certificate and its key, so the device connects with no configuration.
 */
class X509DevServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(CameraRoutes.class))
            .overrideConfigKey("quarkus.iothub-mqtt.devservices.devices", "camera-1")
            .overrideConfigKey("quarkus.iothub-mqtt.devservices.x509-devices", "camera-1");

    public static class CameraRoutes extends RouteBuilder {

        @Override
        public void configure() {
            from("iothub-mqtt:c2d").log("c2d: ${body}");
        }
    }

    @Inject
    CamelContext context;

    @ConfigProperty(name = "iothub-mqtt.emulator.url")
    String emulatorUrl;

    @Test
    void theDeviceConnectsWithTheCertificateTheEmulatorIssued() {
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();
        assertThat(configuration.getConnectionString()).contains("DeviceId=camera-1;").contains("x509=true");
        assertThat(configuration.getClientCertificate()).startsWith("file:").endsWith("camera-1-cert.pem");
        assertThat(configuration.getClientKey()).startsWith("file:").endsWith("camera-1-key.pem");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(devices())
                .contains("\"clientId\":\"camera-1\"", "\"authentication\":\"x509\"", "\"connected\":true"));
    }

    private String devices() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulatorUrl + "/emulator/devices"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
