package io.github.iothubmqtt.protocol;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON bodies of DPS registration over MQTT: the device's request, the operation the service answers with while
 * assigning ({@code 202}) and once done ({@code 200}), and its error bodies. The PnP model id travels inside the
 * request's {@code payload}, next to any custom allocation data.
 */
public final class ProvisioningMessages {

    public static final String ASSIGNING = "assigning";
    public static final String ASSIGNED = "assigned";
    private static final String MODEL_ID = "modelId";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a device asks for; {@code payload} is {@code null} when it sent none. */
    public record Request(String registrationId, JsonNode payload) {
    }

    /**
     * An operation answer. {@code assignedHub} and {@code deviceId} are set once assigned; {@code errorCode} and
     * {@code message} are set on error bodies (which have no operation id).
     */
    public record Operation(String operationId, String status, String assignedHub, String deviceId, JsonNode payload,
            Long errorCode, String message) {

        public boolean isAssigned() {
            return ASSIGNED.equalsIgnoreCase(status) && assignedHub != null && deviceId != null;
        }
    }

    private ProvisioningMessages() {
    }

    /**
     * {@code {"registrationId":…,"payload":{…}}}: the payload is the custom allocation data (a JSON object or
     * {@code null}) with {@code modelId} added when given.
     */
    public static byte[] request(String registrationId, JsonNode allocationData, String modelId) {
        if (allocationData != null && !allocationData.isObject()) {
            throw new IllegalArgumentException(
                    "the registration payload must be a JSON object, not " + allocationData.getNodeType());
        }
        ObjectNode body = JSON.createObjectNode().put("registrationId", registrationId);
        if (allocationData != null || modelId != null) {
            ObjectNode payload = allocationData == null ? JSON.createObjectNode() : ((ObjectNode) allocationData).deepCopy();
            if (modelId != null) {
                payload.put(MODEL_ID, modelId);
            }
            body.set("payload", payload);
        }
        return bytes(body);
    }

    public static Request parseRequest(byte[] body) {
        JsonNode node = object(body, "registration request");
        JsonNode registrationId = node.get("registrationId");
        if (registrationId == null || !registrationId.isTextual()) {
            throw new IllegalArgumentException("the registration request has no registrationId string");
        }
        JsonNode payload = node.get("payload");
        return new Request(registrationId.asText(), payload == null || payload.isNull() ? null : payload);
    }

    /** The model id a device announced in its registration payload, or {@code null}. */
    public static String modelId(Request request) {
        JsonNode modelId = request.payload() == null ? null : request.payload().get(MODEL_ID);
        return modelId != null && modelId.isTextual() ? modelId.asText() : null;
    }

    /** {@code {"operationId":…,"status":"assigning"}}, the body of a 202. */
    public static byte[] assigning(String operationId) {
        return bytes(JSON.createObjectNode().put("operationId", operationId).put("status", ASSIGNING));
    }

    /** The body of a 200: the operation with its {@code registrationState}; {@code payload} may be {@code null}. */
    public static byte[] assigned(String operationId, String registrationId, String assignedHub, String deviceId,
            JsonNode payload, Instant now) {
        ObjectNode state = JSON.createObjectNode()
                .put("registrationId", registrationId)
                .put("createdDateTimeUtc", now.toString())
                .put("assignedHub", assignedHub)
                .put("deviceId", deviceId)
                .put("status", ASSIGNED)
                .put("substatus", "initialAssignment")
                .put("lastUpdatedDateTimeUtc", now.toString())
                .put("etag", "\"" + Long.toHexString(now.toEpochMilli()) + "\"");
        if (payload != null) {
            state.set("payload", payload);
        }
        ObjectNode body = JSON.createObjectNode().put("operationId", operationId).put("status", ASSIGNED);
        body.set("registrationState", state);
        return bytes(body);
    }

    /** An error body, {@code {"errorCode":401002,"trackingId":…,"message":…,"timestampUtc":…}}. */
    public static byte[] error(long errorCode, String message, String trackingId, Instant now) {
        return bytes(JSON.createObjectNode().put("errorCode", errorCode).put("trackingId", trackingId)
                .put("message", message).put("timestampUtc", now.toString()));
    }

    /** Reads an operation or error body; fields it lacks are {@code null}. */
    public static Operation parseOperation(byte[] body) {
        JsonNode node = object(body, "DPS answer");
        JsonNode state = node.path("registrationState");
        JsonNode payload = state.get("payload");
        JsonNode errorCode = node.get("errorCode");
        return new Operation(text(node, "operationId"), text(node, "status"), text(state, "assignedHub"),
                text(state, "deviceId"), payload == null || payload.isNull() ? null : payload,
                errorCode != null && errorCode.canConvertToLong() ? errorCode.asLong() : null, text(node, "message"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static JsonNode object(byte[] body, String what) {
        JsonNode node;
        try {
            node = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            // not chained: the parser's message quotes the body
            throw new IllegalArgumentException("the " + what + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the " + what + " is not a JSON object");
        }
        return node;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
