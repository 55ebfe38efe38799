package io.github.iothubmqtt.camel.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;

/**
 * The extension alone, in an application with no routes that names its device: the component resolves, the feature
 * is installed, and no emulator starts.
 */
class IotHubMqttExtensionTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("camel.component.iothub-mqtt.connection-string",
                    "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=a2V5")
            .setLogRecordPredicate(record -> record.getMessage().startsWith("Installed features"))
            .assertLogRecords(records -> assertThat(records)
                    .map(record -> ((ExtLogRecord) record).getFormattedMessage())
                    .singleElement().asString().contains(IotHubMqttProcessor.FEATURE));

    @Inject
    CamelContext context;

    @Test
    void resolvesTheComponentByItsScheme() {
        assertThat(context.getComponent("iothub-mqtt")).isInstanceOf(IotHubMqttComponent.class);
    }

    @Test
    void startsNoEmulatorForAnApplicationThatNamesItsDevice() {
        assertThat(ConfigProvider.getConfig().getOptionalValue(IotHubMqttDevServicesProcessor.EMULATOR_URL, String.class))
                .isEmpty();
    }
}
