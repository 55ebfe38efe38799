package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.TwinDocument;
import io.github.iothubmqtt.protocol.TwinTopics;

/**
 * The twins of all identities and the device side of the twin protocol: GET → 200, reported PATCH → 204 with the
 * new {@code $version}, malformed → 400, throttled → 429; desired updates pushed at QoS 0 to a connected subscriber
 * only (the hub keeps no notification for an offline device). Hub thread only.
 */
final class Twins {

    private static final Logger LOG = LoggerFactory.getLogger(Twins.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Identity, TwinDocument> twins = new HashMap<>();
    /** The service-side twin's {@code modelId}: not part of the document a device GETs. */
    private final Map<Identity, String> modelIds = new HashMap<>();
    private final Sessions sessions;
    private final Faults faults;

    Twins(Sessions sessions, Faults faults) {
        this.sessions = sessions;
        this.faults = faults;
    }

    TwinDocument of(Identity identity) {
        return twins.computeIfAbsent(identity, id -> new TwinDocument());
    }

    /**
     * Keeps the IoT Plug and Play model id a CONNECT announced ("" for none); null, a CONNECT whose user name the
     * emulator cannot see (X.509), leaves it as it was.
     */
    void announceModel(Identity identity, String modelId) {
        if (modelId != null) {
            modelIds.put(identity, modelId);
        }
    }

    /** The twin's {@code modelId}: "" until the identity connects announcing one. */
    String modelId(Identity identity) {
        return modelIds.getOrDefault(identity, "");
    }

    /** A device's GET or reported PATCH; the answer goes to its {@code $iothub/twin/res/#} subscription. */
    void handle(DeviceConnection connection, TwinTopics.Request request, byte[] body) {
        if (faults.takeTwinThrottle()) {
            connection.twinResponse(TwinTopics.responseTopic(HubError.THROTTLING.httpStatus(), request.rid(), null),
                    error(HubError.THROTTLING, "twin operations are throttled (fault injected)"));
            return;
        }
        TwinDocument twin = of(connection.identity());
        if (request.operation() == TwinTopics.Operation.GET) {
            connection.twinResponse(TwinTopics.responseTopic(200, request.rid(), null),
                    twin.toJson().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (request.version() != null && request.version() != twin.reportedVersion()) {
            // the hub's answer to a stale base version is not documented; 412 is what its REST API gives a stale ETag
            LOG.info("{}: {} on reported patch: based on $version {}, the twin is at {}", connection.identity(),
                    HubError.PRECONDITION_FAILED, request.version(), twin.reportedVersion());
            connection.twinResponse(TwinTopics.responseTopic(412, request.rid(), null), error(HubError.PRECONDITION_FAILED,
                    "the reported properties are at $version " + twin.reportedVersion() + ", not " + request.version()));
            return;
        }
        long version;
        try {
            version = twin.patchReported(parseObject(body));
        } catch (IllegalArgumentException e) {
            LOG.info("{}: {} on reported patch: {}", connection.identity(), HubError.ARGUMENT_INVALID, e.getMessage());
            connection.twinResponse(TwinTopics.responseTopic(400, request.rid(), null),
                    error(HubError.ARGUMENT_INVALID, e.getMessage()));
            return;
        }
        connection.twinResponse(TwinTopics.responseTopic(204, request.rid(), version), new byte[0]);
    }

    /** A service-side desired patch; returns the new desired {@code $version}. */
    long updateDesired(Identity identity, JsonNode patch) {
        long version = of(identity).patchDesired(patch);
        sessions.find(identity)
                .filter(session -> session.canReceive(SubscriptionKind.TWIN_DESIRED))
                .ifPresent(session -> session.connection().publishAtMostOnce(TwinTopics.desiredTopic(version),
                        TwinDocument.notification(patch, version).toString().getBytes(StandardCharsets.UTF_8)));
        return version;
    }

    static ObjectNode parseObject(byte[] body) {
        JsonNode node = parseJson(body);
        if (!node.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the body is empty, not JSON");
            }
            checkFinite(node);
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Jackson reads a number beyond a double, such as 1e400, as Infinity and writes it back as {@code Infinity},
     * which is not JSON: such a number is refused where it enters.
     */
    private static void checkFinite(JsonNode node) {
        if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            throw new IllegalArgumentException("a number in the body is beyond a 64-bit floating-point number");
        }
        node.forEach(Twins::checkFinite);
    }

    private static byte[] error(HubError error, String message) {
        return ErrorBody.of(error, message).toString().getBytes(StandardCharsets.UTF_8);
    }
}
