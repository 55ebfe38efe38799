package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import javax.net.ssl.SSLSocketFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.camel.session.Assignment;
import io.github.iothubmqtt.camel.session.Provisioner;
import io.github.iothubmqtt.camel.session.ProvisioningSettings;
import io.github.iothubmqtt.camel.session.SessionSettings;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;
import org.apache.camel.CamelContext;

/**
 * Session settings of a device provisioned through DPS ({@code idScope} set): the registration's settings, and how
 * an assignment becomes the hub's. The device key is sharedAccessKey (individual enrollment) or derived from
 * enrollmentGroupKey; without either, the X.509 certificate of sslContextParameters attests.
 */
final class ProvisionedSettingsFactory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProvisionedSettingsFactory() {
    }

    static SessionSettings create(IotHubMqttConfiguration config, CamelContext context, TlsSource tls,
            SSLSocketFactory socketFactory) {
        if (config.getConnectionString() != null || config.getHostName() != null || config.getSasToken() != null
                || config.getModuleId() != null) {
            throw new IllegalArgumentException("idScope provisions a device through DPS, which names its hub: leave"
                    + " connectionString, hostName, sasToken and moduleId unset");
        }
        if (config.getSharedAccessKey() != null && config.getEnrollmentGroupKey() != null) {
            throw new IllegalArgumentException("set sharedAccessKey (individual enrollment) or enrollmentGroupKey"
                    + " (enrollment group), not both");
        }
        String registrationId = config.getRegistrationId() != null ? config.getRegistrationId() : config.getDeviceId();
        if (registrationId == null) {
            throw new IllegalArgumentException("idScope needs registrationId (or deviceId, which it defaults to)");
        }
        Provisioning.resourceUri(config.getIdScope(), registrationId); // checks both, naming the bad one
        Identity identity = Identity.device(config.getDeviceId() != null ? config.getDeviceId() : registrationId);
        String deviceKey = config.getEnrollmentGroupKey() != null
                ? Provisioning.deriveDeviceKey(config.getEnrollmentGroupKey(), registrationId)
                : config.getSharedAccessKey();
        if (config.getProvisioningTimeout() < 1_000) {
            throw new IllegalArgumentException("provisioningTimeout must be at least one second, was "
                    + config.getProvisioningTimeout() + " ms");
        }
        ProvisioningSettings provisioning = new ProvisioningSettings(config.getProvisioningHost(),
                config.getProvisioningPort(), config.getIdScope(), registrationId, deviceKey, socketFactory,
                payload(config.getProvisioningPayload()), config.getModelId(),
                config.getAssignmentFile() == null ? null : Path.of(config.getAssignmentFile()),
                Duration.ofMillis(config.getProvisioningTimeout()), SessionSettingsFactory.proxy(config));
        Provisioner provisioner = new Provisioner(provisioning, assignment -> {
            if (!assignment.deviceId().equals(identity.deviceId())) {
                throw new IllegalArgumentException("the endpoint is for device '" + identity.deviceId()
                        + "': set deviceId=" + assignment.deviceId());
            }
            return SessionSettingsFactory.hub(config, context, tls, socketFactory, new SessionSettingsFactory.Target(
                    assignment.assignedHub(), identity, config.getGatewayHostName(), deviceKey, null), null);
        });
        // until the assignment: the ID scope in place of the hub keeps sessions of one registration together
        return SessionSettingsFactory.hub(config, context, tls, socketFactory, new SessionSettingsFactory.Target(
                config.getIdScope() + "." + config.getProvisioningHost(), identity, null, deviceKey, null), provisioner);
    }

    private static JsonNode payload(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode payload = JSON.readTree(json);
            if (payload != null && payload.isObject()) {
                return payload;
            }
        } catch (IOException e) {
            // reported below, without the parser's message, which quotes the text
        }
        throw new IllegalArgumentException("provisioningPayload is not a JSON object");
    }
}
