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
 * The hub's trust from a named configuration of the Quarkus TLS registry (tls-registry.properties), not from the Dev
 * Service's trustCertificates: the Java device connects only if the registry's trust store is the one in use.
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
    void theJavaDeviceConnectsWithTheRegistrysTrust() {
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();
        assertThat(configuration.getTrustCertificates()).as("the Dev Service leaves the trust to the application").isNull();
        assertThat(configuration.getSslContextParameters().getTrustManagers()).isNotNull();

        cloud.updateDesired("java-device", "{\"targetTemperature\":31}");

        cloud.awaitTwin("java-device", twin -> twin.at("/properties/reported/targetTemperature").asInt() == 31,
                Duration.ofSeconds(20));
    }
}
