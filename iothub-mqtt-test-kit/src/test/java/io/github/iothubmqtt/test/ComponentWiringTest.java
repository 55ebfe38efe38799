package io.github.iothubmqtt.test;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What @IotHubTest sets on the component, and that it registers every device it names. */
@IotHubTest(devices = {"wired-1", "wired-2"})
class ComponentWiringTest extends CamelTestSupport {

    @Test
    void theComponentConnectsAsTheFirstDeviceTrustingTheEmulator(EmulatedHub hub) {
        IotHubMqttConfiguration configuration = context.getComponent("iothub-mqtt", IotHubMqttComponent.class)
                .getConfiguration();

        assertThat(configuration.getConnectionString()).isEqualTo(hub.connectionString("wired-1"));
        assertThat(configuration.getPort()).isEqualTo(hub.port());
        // that this trust works is CamelTestSupportTest's: its device connects over TLS
        assertThat(configuration.getSslContextParameters()).isNotNull();
    }

    @Test
    void everyNamedDeviceIsRegistered(EmulatedHub hub) {
        // the service API refuses an identity the registry does not know
        assertThat(hub.service().twin(Identity.device("wired-2"))).isNotNull();
    }
}
