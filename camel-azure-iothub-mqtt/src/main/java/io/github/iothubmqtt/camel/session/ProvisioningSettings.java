package io.github.iothubmqtt.camel.session;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How a session registers with the Device Provisioning Service before its first connect.
 *
 * @param host           the DPS host ({@code global.azure-devices-provisioning.net})
 * @param port           its MQTT over TLS port (8883)
 * @param idScope        the DPS instance's ID scope
 * @param registrationId the registration id (the certificate's CN with X.509)
 * @param deviceKey      the enrollment's key, or the key derived from the group key; {@code null} with X.509
 * @param socketFactory  TLS (client certificate, trust; the JVM's default when none is set)
 * @param allocationData custom allocation data sent as the registration payload, or {@code null}
 * @param modelId        the PnP model id sent in the payload, or {@code null}
 * @param assignmentFile where the assignment is kept across restarts, or {@code null} for memory only
 * @param timeout        how long one registration (connect, register, polls) may take
 * @param proxy          the HTTP proxy to register through, or {@code null} to connect directly
 */
public record ProvisioningSettings(String host, int port, String idScope, String registrationId, String deviceKey,
        SSLSocketFactory socketFactory, JsonNode allocationData, String modelId, Path assignmentFile, Duration timeout,
        ProxySettings proxy) {

    public ProvisioningSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(idScope, "idScope");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(socketFactory, "socketFactory");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** The device key never appears. */
    @Override
    public String toString() {
        return "ProvisioningSettings[" + host + ":" + port + ", idScope=" + idScope + ", registrationId=" + registrationId
                + (deviceKey == null ? ", x509" : ", sas")
                + (assignmentFile == null ? "" : ", assignmentFile=" + assignmentFile)
                + (proxy == null ? "" : ", through the " + proxy) + "]";
    }
}
