package io.github.iothubmqtt.camel.quarkus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.github.iothubmqtt.camel.quarkus.test.EmulatorCloud;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The hub's trust and an X.509 device's certificate from a named configuration of the Quarkus TLS registry
 * (tls-registry.properties), not from the Dev Service's trustCertificates and clientCertificate: the Java device, an
 * X.509 device, connects only if the registry's trust store and key store are the ones in use.
 */
@QuarkusTest
@TestProfile(TlsRegistryTest.HubTlsFromTheRegistry.class)
class TlsRegistryTest {

    public static class HubTlsFromTheRegistry implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Properties properties = new Properties();
            try (InputStream in = TlsRegistryTest.class.getResourceAsStream("/tls-registry.properties")) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.stringPropertyNames().stream()
                    .collect(Collectors.toMap(name -> name, properties::getProperty));
        }
    }

    @Inject
    CamelContext context;

    EmulatorCloud cloud;

    @Test
    void theX509DeviceConnectsWithTheRegistrysTrustAndCertificate() {
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();
        assertThat(configuration.getConnectionString()).contains("DeviceId=java-device;").contains("x509=true");
        assertThat(configuration.getTrustCertificates()).as("the Dev Service leaves the trust to the application").isNull();
        assertThat(configuration.getClientCertificate()).isNull();
        assertThat(configuration.getSslContextParameters().getTrustManagers()).isNotNull();
        assertThat(configuration.getSslContextParameters().getKeyManagers()).isNotNull();

        cloud.updateDesired("java-device", "{\"targetTemperature\":31}");

        cloud.awaitTwin("java-device", twin -> twin.at("/properties/reported/targetTemperature").asInt() == 31,
                Duration.ofSeconds(20));
    }
}
