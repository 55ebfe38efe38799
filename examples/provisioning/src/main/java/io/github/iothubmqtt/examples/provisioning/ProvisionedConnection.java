package io.github.iothubmqtt.examples.provisioning;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import io.github.iothubmqtt.emulator.DeviceRegistry;
import io.github.iothubmqtt.emulator.Enrollment;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.examples.hub.EmbeddedHub;
import io.github.iothubmqtt.examples.hub.HubConnection;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the device through DPS with an enrollment-group key: your DPS when IOTHUB_DPS_ID_SCOPE and
 * IOTHUB_DPS_GROUP_KEY are set (the registration id is IOTHUB_DPS_REGISTRATION_ID, default thermostat-1); otherwise
 * an embedded emulator whose DPS endpoint has one enrollment group, and which creates the device when it registers.
 */
public class ProvisionedConnection implements CamelConfiguration {

    static final String ID_SCOPE_VARIABLE = "IOTHUB_DPS_ID_SCOPE";
    static final String GROUP_KEY_VARIABLE = "IOTHUB_DPS_GROUP_KEY";
    static final String REGISTRATION_ID_VARIABLE = "IOTHUB_DPS_REGISTRATION_ID";

    private static final Logger LOG = LoggerFactory.getLogger("hub");

    @Override
    public void configure(CamelContext context) throws Exception {
        IotHubMqttConfiguration device = context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration();
        String idScope = System.getenv(ID_SCOPE_VARIABLE);
        String groupKey = System.getenv(GROUP_KEY_VARIABLE);
        String registrationId = System.getenv().getOrDefault(REGISTRATION_ID_VARIABLE, HubConnection.DEVICE_ID);
        device.setRegistrationId(registrationId);
        device.setAssignmentFile("target/dps-assignment-" + registrationId + ".json");
        if (idScope != null && !idScope.isBlank() && groupKey != null && !groupKey.isBlank()) {
            LOG.info("Provisioning '{}' through the DPS of ID scope {}", registrationId, idScope);
            device.setIdScope(idScope);
            device.setEnrollmentGroupKey(groupKey);
            return;
        }
        LOG.info("{} and {} are not set: starting an embedded IoT Hub emulator with a DPS endpoint (it first generates"
                + " its TLS certificate authority, which takes a few seconds)", ID_SCOPE_VARIABLE, GROUP_KEY_VARIABLE);
        String embeddedGroupKey = DeviceRegistry.newKey();
        EmbeddedHub hub = new EmbeddedHub(registrationId, builder -> builder.dpsPort(0)
                .enrollment(Enrollment.groupSas("thermostats", embeddedGroupKey, null)));
        hub.start();
        context.addService(hub); // so that it stops with Camel, after the routes
        IotHubEmulator emulator = hub.emulator();
        device.setIdScope(emulator.provisioning().idScope());
        device.setEnrollmentGroupKey(embeddedGroupKey);
        device.setProvisioningHost("localhost");
        device.setProvisioningPort(emulator.dpsPort());
        device.setAssignmentFile(null); // each run's emulator is a new hub: nothing to remember
        device.setGatewayHostName("localhost"); // the assigned hub's name does not resolve; the emulator is here
        device.setPort(hub.port());
        device.setSslContextParameters(hub.trust());
        HubConnection.playDemoWhenStarted(context, hub);
    }

}
