package io.github.iothubmqtt.camel;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The connection's Device Provisioning Service options: with {@code idScope} set, the session registers with DPS
 * before its first connect and connects to the hub and device id DPS assigned.
 */
@UriParams
public class IotHubMqttProvisioningConfiguration extends IotHubMqttConnectionConfiguration {

    static final String GLOBAL_PROVISIONING_HOST = "global.azure-devices-provisioning.net";

    @UriParam(label = "connection,provisioning", defaultValue = GLOBAL_PROVISIONING_HOST)
    private String provisioningHost = GLOBAL_PROVISIONING_HOST;
    @UriParam(label = "connection,provisioning,advanced", defaultValue = "8883")
    private int provisioningPort = 8883;
    @UriParam(label = "connection,provisioning")
    private String idScope;
    @UriParam(label = "connection,provisioning")
    private String registrationId;
    @UriParam(label = "connection,provisioning,security", secret = true)
    private String enrollmentGroupKey;
    @UriParam(label = "connection,provisioning")
    private String provisioningPayload;
    @UriParam(label = "connection,provisioning")
    private String assignmentFile;
    @UriParam(label = "connection,provisioning,advanced", defaultValue = "90000", javaType = "java.time.Duration")
    private long provisioningTimeout = 90_000;

    public String getProvisioningHost() {
        return provisioningHost;
    }

    /** The Device Provisioning Service's host; with a custom domain or the emulator, that host. */
    public void setProvisioningHost(String provisioningHost) {
        this.provisioningHost = provisioningHost;
    }

    public int getProvisioningPort() {
        return provisioningPort;
    }

    /** The Device Provisioning Service's MQTT over TLS port. */
    public void setProvisioningPort(int provisioningPort) {
        this.provisioningPort = provisioningPort;
    }

    public String getIdScope() {
        return idScope;
    }

    /**
     * The DPS ID scope, e.g. 0ne00000000. Setting it provisions the device: the first connect registers with DPS and
     * connects to the hub it assigns, so hostName and connectionString stay unset.
     */
    public void setIdScope(String idScope) {
        this.idScope = idScope;
    }

    public String getRegistrationId() {
        return registrationId;
    }

    /**
     * The DPS registration id (with X.509, the certificate's CN). Default: deviceId. The endpoint's device is
     * deviceId, or else the registration id; an assignment of another device id fails.
     */
    public void setRegistrationId(String registrationId) {
        this.registrationId = registrationId;
    }

    public String getEnrollmentGroupKey() {
        return enrollmentGroupKey;
    }

    /**
     * The symmetric key of a DPS enrollment group: the device key is derived from it and the registration id. For an
     * individual enrollment set sharedAccessKey to the enrollment's key instead.
     */
    public void setEnrollmentGroupKey(String enrollmentGroupKey) {
        this.enrollmentGroupKey = enrollmentGroupKey;
    }

    public String getProvisioningPayload() {
        return provisioningPayload;
    }

    /** Custom allocation data sent with the registration, a JSON object; modelId is added to it when set. */
    public void setProvisioningPayload(String provisioningPayload) {
        this.provisioningPayload = provisioningPayload;
    }

    public String getAssignmentFile() {
        return assignmentFile;
    }

    /**
     * A file that keeps the DPS assignment, so that a restart connects without registering again. Without it the
     * assignment is kept in memory only. Either way the device registers again when the assigned hub refuses it.
     */
    public void setAssignmentFile(String assignmentFile) {
        this.assignmentFile = assignmentFile;
    }

    public long getProvisioningTimeout() {
        return provisioningTimeout;
    }

    /** How long one DPS registration (connect, register, polls) may take before the attempt fails and is retried. */
    public void setProvisioningTimeout(long provisioningTimeout) {
        this.provisioningTimeout = provisioningTimeout;
    }
}
