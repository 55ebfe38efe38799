package io.github.iothubmqtt.emulator;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;
import io.github.iothubmqtt.protocol.SasVerification;

/**
 * Which enrollment attests a registration, and the device identity it makes. An individual enrollment of the
 * registration id is asked first (a wrong credential for it is 401); otherwise a group whose derived key signs the
 * token, or whose CA signed the certificate; none of them is 404. X.509 devices must name their registration id as
 * the certificate's CN, as DPS requires.
 */
final class DpsAttestation {

    static final long UNAUTHORIZED = 401002;
    /** An emulator choice: DPS documents the 404 status, not this code. */
    static final long NOT_FOUND = 404201;

    /** Either the enrollment with the identity to register, or a refusal with its status and error code. */
    record Verdict(Enrollment enrollment, RegisteredIdentity device, int status, long errorCode, String message) {

        static Verdict refuse(int status, long errorCode, String message) {
            return new Verdict(null, null, status, errorCode, message);
        }

        boolean accepted() {
            return enrollment != null;
        }
    }

    private DpsAttestation() {
    }

    /**
     * @param token       the CONNECT password (a registration SAS token), or {@code null}
     * @param certificate the TLS client certificate, or {@code null}
     */
    static Verdict check(Enrollments enrollments, String idScope, String registrationId, String token,
            X509Certificate certificate) {
        if (token == null && certificate == null) {
            return Verdict.refuse(401, UNAUTHORIZED, "no SAS token and no client certificate");
        }
        Optional<Enrollment> individual = enrollments.individual(registrationId);
        if (individual.isPresent()) {
            return individual(individual.get(), idScope, registrationId, token, certificate);
        }
        List<Enrollment> groups = enrollments.groups();
        for (Enrollment group : groups) {
            if (token != null && group.isSas()) {
                List<String> derived = group.keys().stream().map(key -> Provisioning.deriveDeviceKey(key, registrationId))
                        .toList();
                if (verify(token, idScope, registrationId, derived) == SasVerification.VALID) {
                    return accept(group, RegisteredIdentity.withKeys(Identity.device(registrationId), derived.get(0),
                            derived.size() > 1 ? derived.get(1) : null));
                }
            } else if (token == null && group.caCertificate() != null && signedBy(certificate, group.caCertificate())
                    && registrationId.equals(commonName(certificate))) {
                return accept(group, RegisteredIdentity.withThumbprints(Identity.device(registrationId),
                        Thumbprints.sha256(certificate), null));
            }
        }
        return Verdict.refuse(404, NOT_FOUND, "no individual enrollment '" + registrationId + "' and no enrollment group"
                + " that attests it (" + groups.size() + " groups)");
    }

    private static Verdict individual(Enrollment enrollment, String idScope, String registrationId, String token,
            X509Certificate certificate) {
        Identity device = Identity.device(enrollment.deviceId() != null ? enrollment.deviceId() : registrationId);
        if (enrollment.isSas()) {
            SasVerification verification = token == null
                    ? SasVerification.MALFORMED
                    : verify(token, idScope, registrationId, enrollment.keys());
            return verification == SasVerification.VALID
                    ? accept(enrollment,
                            RegisteredIdentity.withKeys(device, enrollment.primaryKey(), enrollment.secondaryKey()))
                    : Verdict.refuse(401, UNAUTHORIZED, enrollment + ": SAS token rejected: " + verification);
        }
        if (token != null || !Thumbprints.matches(certificate, enrollment.thumbprint())) {
            return Verdict.refuse(401, UNAUTHORIZED, enrollment + ": the client certificate's thumbprint does not match");
        }
        return accept(enrollment, RegisteredIdentity.withThumbprints(device, enrollment.thumbprint(), null));
    }

    private static SasVerification verify(String token, String idScope, String registrationId, List<String> keys) {
        return Provisioning.verifyToken(token, idScope, registrationId, keys, Instant.now().getEpochSecond());
    }

    private static Verdict accept(Enrollment enrollment, RegisteredIdentity device) {
        return new Verdict(enrollment, device, 200, 0, null);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.checkValidity();
            certificate.verify(ca.getPublicKey());
            return certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return null;
        }
        return null;
    }
}
