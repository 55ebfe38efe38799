package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A DPS enrollment: an individual one (one registration id, attested by symmetric keys or a certificate thumbprint)
 * or an enrollment group (any registration id, attested by keys derived from the group's keys, or by a certificate
 * its CA signed). Assignments always go to this emulator's hub.
 *
 * @param group          whether this is an enrollment group
 * @param id             the registration id of an individual enrollment, or the group's name
 * @param primaryKey     symmetric key (individual) or group key; {@code null} for X.509
 * @param secondaryKey   second symmetric key, or {@code null}
 * @param thumbprint     an individual X.509 enrollment's certificate thumbprint (SHA-1 or SHA-256)
 * @param caCertificate  an X.509 group's CA: devices present certificates it signed
 * @param deviceId       the device id an individual enrollment assigns (default: the registration id)
 * @param initialDesired desired properties the new device's twin starts with, or {@code null}
 */
public record Enrollment(boolean group, String id, String primaryKey, String secondaryKey, String thumbprint,
        X509Certificate caCertificate, String deviceId, ObjectNode initialDesired) {

    public Enrollment {
        Objects.requireNonNull(id, "id");
        int attestations = (primaryKey != null ? 1 : 0) + (thumbprint != null ? 1 : 0) + (caCertificate != null ? 1 : 0);
        if (attestations != 1) {
            throw new IllegalArgumentException("enrollment '" + id + "' needs exactly one of a symmetric key, a thumbprint"
                    + " (individual) or a CA certificate (group)");
        }
        if (group ? thumbprint != null || deviceId != null : caCertificate != null) {
            throw new IllegalArgumentException("enrollment '" + id + "': thumbprints and device ids belong to individual"
                    + " enrollments, CA certificates to groups");
        }
    }

    public static Enrollment individualSas(String registrationId, String primaryKey, String secondaryKey) {
        return new Enrollment(false, registrationId, primaryKey, secondaryKey, null, null, null, null);
    }

    public static Enrollment individualX509(String registrationId, String thumbprint) {
        return new Enrollment(false, registrationId, null, null, thumbprint, null, null, null);
    }

    public static Enrollment groupSas(String groupName, String primaryKey, String secondaryKey) {
        return new Enrollment(true, groupName, primaryKey, secondaryKey, null, null, null, null);
    }

    public static Enrollment groupX509(String groupName, X509Certificate caCertificate) {
        return new Enrollment(true, groupName, null, null, null, caCertificate, null, null);
    }

    /** The device id this individual enrollment assigns instead of its registration id. */
    public Enrollment withDeviceId(String assignedDeviceId) {
        return new Enrollment(group, id, primaryKey, secondaryKey, thumbprint, caCertificate, assignedDeviceId,
                initialDesired);
    }

    /** The desired properties ({@code initialTwin.properties.desired}) the new device's twin starts with. */
    public Enrollment withInitialDesired(ObjectNode desired) {
        return new Enrollment(group, id, primaryKey, secondaryKey, thumbprint, caCertificate, deviceId, desired);
    }

    public boolean isSas() {
        return primaryKey != null;
    }

    /** The keys of a SAS enrollment, primary first: the group's keys for a group, to derive device keys from. */
    List<String> keys() {
        return Stream.of(primaryKey, secondaryKey).filter(Objects::nonNull).toList();
    }

    /** Keys never appear in logs or exception messages. */
    @Override
    public String toString() {
        return (group ? "enrollment group '" : "individual enrollment '") + id + "' ("
                + (isSas() ? "sas" : "x509") + ")";
    }
}
