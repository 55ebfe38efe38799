package io.github.iothubmqtt.emulator;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.ProvisioningMessages;

/**
 * The emulator's Device Provisioning Service: its enrollments and the registration operations; its throttling is a
 * fault ({@link Faults#throttleProvisioning}). A registration is answered {@code 202} with {@code retry-after}; the
 * first poll after it completes the assignment to this hub, creating (or updating) the device, and answers
 * {@code 200}. Operations run on the hub thread; the enrollment list is thread-safe.
 */
public final class ProvisioningService {

    /** DPS's own default scope format; the emulator takes any scope of letters and digits. */
    public static final String DEFAULT_ID_SCOPE = "0ne00000000";
    /** Seconds a device is told to wait before polling (Microsoft's Java client waits at least 2). */
    static final int RETRY_AFTER_SECONDS = 1;
    /** An emulator choice: DPS documents the 400 and 429 statuses, not these codes. */
    private static final long BAD_REQUEST = 400004;
    private static final long THROTTLED = 429001;
    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What to publish on {@code $dps/registrations/res/{status}/?$rid=…[&retry-after=…]}. */
    record Answer(int status, Integer retryAfterSeconds, byte[] body) {
    }

    private final String idScope;
    private final Enrollments enrollments;
    private final Hub hub;
    private final Map<String, DpsAttestation.Verdict> operations = new HashMap<>();
    private final AtomicLong assignments = new AtomicLong();
    private final Map<String, JsonNode> payloads = new ConcurrentHashMap<>();

    ProvisioningService(String idScope, Enrollments enrollments, Hub hub) {
        this.idScope = idScope;
        this.enrollments = enrollments;
        this.hub = hub;
    }

    public String idScope() {
        return idScope;
    }

    public Enrollments enrollments() {
        return enrollments;
    }

    /** Registrations that completed with an assignment since the start. */
    public long assignments() {
        return assignments.get();
    }

    /** The payload (custom allocation data, PnP model id) of the last registration of this id that was accepted. */
    public Optional<JsonNode> registrationPayload(String registrationId) {
        return Optional.ofNullable(payloads.get(registrationId.toLowerCase(Locale.ROOT)));
    }

    /** A registration request of the device that connected as {@code registrationId}. */
    Answer register(String registrationId, String token, X509Certificate certificate, byte[] body) {
        if (hub.faults().takeProvisioningThrottle()) {
            return throttled();
        }
        ProvisioningMessages.Request request;
        try {
            request = ProvisioningMessages.parseRequest(body);
        } catch (IllegalArgumentException e) {
            return error(400, BAD_REQUEST, e.getMessage());
        }
        if (!request.registrationId().equalsIgnoreCase(registrationId)) {
            return error(400, BAD_REQUEST, "the request registers '" + request.registrationId()
                    + "' but the connection is of '" + registrationId + "'");
        }
        DpsAttestation.Verdict verdict = DpsAttestation.check(enrollments, idScope, registrationId, token, certificate);
        if (!verdict.accepted()) {
            LOG.info("DPS: registration of '{}' refused with {} ({}): {}", registrationId, verdict.status(),
                    verdict.errorCode(), verdict.message());
            return error(verdict.status(), verdict.errorCode(), verdict.message());
        }
        String operationId = "4." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + "." + UUID.randomUUID();
        operations.put(operationId, verdict);
        if (request.payload() != null) {
            payloads.put(registrationId.toLowerCase(Locale.ROOT), request.payload());
        }
        return new Answer(202, RETRY_AFTER_SECONDS, ProvisioningMessages.assigning(operationId));
    }

    /** A poll of an operation: completes the assignment on the first poll, answers the same on later ones. */
    Answer poll(String operationId) {
        if (hub.faults().takeProvisioningThrottle()) {
            return throttled();
        }
        DpsAttestation.Verdict verdict = operations.get(operationId);
        if (verdict == null) {
            return error(404, DpsAttestation.NOT_FOUND, "no registration operation '" + operationId + "'");
        }
        RegisteredIdentity device = verdict.device();
        Identity identity = device.identity();
        if (!device.equals(hub.registry().find(identity).orElse(null))) {
            boolean created = hub.registry().find(identity).isEmpty();
            hub.registry().add(device);
            if (created && verdict.enrollment().initialDesired() != null) {
                hub.twins().updateDesired(identity, verdict.enrollment().initialDesired());
            }
            assignments.incrementAndGet();
            LOG.info("DPS: {} assigned {} on {}", verdict.enrollment(), identity, hub.settings().hubHostName());
        }
        return new Answer(200, null, ProvisioningMessages.assigned(operationId, registrationIdOf(verdict),
                hub.settings().hubHostName(), identity.deviceId(), null, Instant.now()));
    }

    private static String registrationIdOf(DpsAttestation.Verdict verdict) {
        return verdict.enrollment().group() ? verdict.device().identity().deviceId() : verdict.enrollment().id();
    }

    private static Answer throttled() {
        return new Answer(429, RETRY_AFTER_SECONDS, ProvisioningMessages.error(THROTTLED, "throttled (fault injected)",
                UUID.randomUUID().toString(), Instant.now()));
    }

    private static Answer error(int status, long errorCode, String message) {
        return new Answer(status, null,
                ProvisioningMessages.error(errorCode, message, UUID.randomUUID().toString(), Instant.now()));
    }
}
