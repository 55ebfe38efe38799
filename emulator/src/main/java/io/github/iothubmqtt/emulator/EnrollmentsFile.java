package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads DPS enrollments from JSON shaped like the service's individual enrollments and enrollment groups; a CA
 * certificate path is relative to the file:
 *
 * <pre>{@code
 * {"enrollments": [
 *   {"registrationId": "sensor-1", "deviceId": "thermostat-1",
 *    "attestation": {"symmetricKey": {"primaryKey": "…", "secondaryKey": "…"}},
 *    "initialTwin": {"properties": {"desired": {"targetTemperature": 21}}}},
 *   {"registrationId": "camera-7", "attestation": {"x509": {"thumbprint": "AB12…"}}},
 *   {"enrollmentGroupId": "thermostats", "attestation": {"symmetricKey": {"primaryKey": "…"}}},
 *   {"enrollmentGroupId": "cameras", "attestation": {"x509": {"caCertificate": "cameras-ca.pem"}}}
 * ]}
 * }</pre>
 */
public final class EnrollmentsFile {

    private EnrollmentsFile() {
    }

    public static List<Enrollment> load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the enrollments file " + file, e);
        }
        JsonNode entries = root == null ? null : root.isArray() ? root : root.path("enrollments");
        if (entries == null || !entries.isArray()) {
            throw new IllegalArgumentException(file + ": expected {\"enrollments\": [...]} or an array of enrollments");
        }
        List<Enrollment> enrollments = new ArrayList<>();
        for (JsonNode entry : entries) {
            try {
                enrollments.add(enrollment(entry, file));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": enrollment " + (enrollments.size() + 1) + ": " + e.getMessage());
            }
        }
        return enrollments;
    }

    private static Enrollment enrollment(JsonNode entry, Path file) {
        String registrationId = JsonFields.text(entry, "registrationId");
        String groupId = JsonFields.text(entry, "enrollmentGroupId");
        if ((registrationId == null) == (groupId == null)) {
            throw new IllegalArgumentException("give either registrationId (individual) or enrollmentGroupId (group)");
        }
        JsonNode keys = entry.path("attestation").path("symmetricKey");
        JsonNode x509 = entry.path("attestation").path("x509");
        Enrollment enrollment;
        if (keys.isObject()) {
            String primary = JsonFields.text(keys, "primaryKey");
            if (primary == null) {
                throw new IllegalArgumentException("attestation.symmetricKey has no primaryKey");
            }
            enrollment = groupId != null
                    ? Enrollment.groupSas(groupId, primary, JsonFields.text(keys, "secondaryKey"))
                    : Enrollment.individualSas(registrationId, primary, JsonFields.text(keys, "secondaryKey"));
        } else if (x509.isObject() && groupId == null && JsonFields.text(x509, "thumbprint") != null) {
            enrollment = Enrollment.individualX509(registrationId, JsonFields.text(x509, "thumbprint"));
        } else if (x509.isObject() && groupId != null && JsonFields.text(x509, "caCertificate") != null) {
            enrollment = Enrollment.groupX509(groupId,
                    certificate(file.toAbsolutePath().resolveSibling(JsonFields.text(x509, "caCertificate"))));
        } else {
            throw new IllegalArgumentException("attestation needs symmetricKey.primaryKey, x509.thumbprint (individual)"
                    + " or x509.caCertificate (group)");
        }
        if (JsonFields.text(entry, "deviceId") != null) {
            enrollment = enrollment.withDeviceId(JsonFields.text(entry, "deviceId"));
        }
        JsonNode desired = entry.path("initialTwin").path("properties").path("desired");
        return desired.isObject() ? enrollment.withInitialDesired((ObjectNode) desired) : enrollment;
    }

    private static X509Certificate certificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read the CA certificate " + pem + ": " + e.getMessage());
        }
    }
}
