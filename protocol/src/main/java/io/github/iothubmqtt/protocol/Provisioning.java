package io.github.iothubmqtt.protocol;

import java.util.List;
import java.util.Map;

/** Device Provisioning Service over MQTT: user name, registration SAS, group-key derivation and topics. */
public final class Provisioning {

    public static final String RESPONSE_FILTER = "$dps/registrations/res/#";
    public static final String DEFAULT_API_VERSION = "2019-03-31";
    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/";
    private static final String POLL = "$dps/registrations/GET/iotdps-get-operationstatus/";
    private static final String RESPONSE = "$dps/registrations/res/";
    private static final String REGISTRATION_KEY_NAME = "registration";
    private static final String RETRY_AFTER = "retry-after";
    private static final String OPERATION_ID = "operationId";

    /** A DPS answer; {@code retryAfterSeconds} is {@code null} when the service gave none. */
    public record Response(int status, String rid, Integer retryAfterSeconds) {
    }

    private Provisioning() {
    }

    /** {@code {idScope}/registrations/{registrationId}/api-version={v}}: note there is no {@code ?}. */
    public static String username(String idScope, String registrationId, String apiVersion) {
        return resourceUri(idScope, registrationId) + "/api-version=" + PropertyBag.encodeComponent(apiVersion);
    }

    public static String resourceUri(String idScope, String registrationId) {
        checkIdScope(idScope);
        checkRegistrationId(registrationId);
        return idScope + "/registrations/" + registrationId;
    }

    /** The registration SAS token, signed with the enrollment's (or derived) key, {@code skn=registration}. */
    public static String token(String idScope, String registrationId, String base64Key, long expiryEpochSeconds) {
        return SasToken.create(resourceUri(idScope, registrationId), base64Key, expiryEpochSeconds, REGISTRATION_KEY_NAME);
    }

    /** The device key of a group enrollment: base64 HMAC-SHA256 of the registration id, keyed with the group key. */
    public static String deriveDeviceKey(String groupKey, String registrationId) {
        checkRegistrationId(registrationId);
        return SasToken.sign(registrationId, groupKey);
    }

    /**
     * Checks a registration token as DPS does: audience {@code {idScope}/registrations/{registrationId}} (compared
     * without case, as DPS treats both), signed with one of the keys, not expired beyond the clock skew.
     */
    public static SasVerification verifyToken(String token, String idScope, String registrationId, List<String> keys,
            long nowEpochSeconds) {
        String audience = resourceUri(idScope, registrationId);
        return SasToken.verify(token, parsed -> parsed.audience().equalsIgnoreCase(audience), keys, nowEpochSeconds);
    }

    /** The registration id and ID scope in a CONNECT user name; the inverse of {@link #username}. */
    public static Registration parseUsername(String username) {
        String[] parts = username == null ? new String[0] : username.split("/", 4);
        if (parts.length != 4 || !"registrations".equals(parts[1]) || !parts[3].startsWith("api-version=")) {
            throw new IllegalArgumentException(ClientText.quote(username)
                    + " is not a DPS user name: expected {idScope}/registrations/{registrationId}/api-version=…");
        }
        resourceUri(parts[0], parts[2]);
        return new Registration(parts[0], parts[2]);
    }

    /** The ID scope and registration id a device registers with. */
    public record Registration(String idScope, String registrationId) {
    }

    public static String registerTopic(String rid) {
        return REGISTER + "?" + Query.RID + "=" + Query.rid(rid);
    }

    public static String pollTopic(String rid, String operationId) {
        if (operationId == null || operationId.isEmpty()) {
            throw new IllegalArgumentException("operation id is empty: poll with the id of the 202 answer");
        }
        return POLL + "?" + Query.RID + "=" + Query.rid(rid) + "&" + OPERATION_ID + "="
                + PropertyBag.encodeComponent(operationId);
    }

    /** A device's request: a registration ({@code operationId} null) or a poll of the operation it started. */
    public record Request(String rid, String operationId) {

        public boolean isPoll() {
            return operationId != null;
        }
    }

    /** Parses a register or poll topic, parameters in any order; the inverse of {@link #registerTopic} and {@link #pollTopic}. */
    public static Request parseRequest(String topic) {
        if (topic != null && topic.startsWith(REGISTER)) {
            return new Request(Query.required(Query.parse(topic, REGISTER, "DPS register"), Query.RID, topic), null);
        }
        Map<String, String> query = Query.parse(topic, POLL, "DPS register or operation status");
        return new Request(Query.required(query, Query.RID, topic), Query.required(query, OPERATION_ID, topic));
    }

    /** The service's answer, {@code $dps/registrations/res/{status}/?$rid=…[&retry-after=…]}; the inverse of {@link #parseResponse}. */
    public static String responseTopic(int status, String rid, Integer retryAfterSeconds) {
        Query.checkStatus(status);
        if (retryAfterSeconds != null && retryAfterSeconds < 0) {
            throw new IllegalArgumentException("retry-after " + retryAfterSeconds + " is negative: it counts seconds to wait");
        }
        return RESPONSE + status + "/?" + Query.RID + "=" + Query.rid(rid)
                + (retryAfterSeconds == null ? "" : "&" + RETRY_AFTER + "=" + retryAfterSeconds);
    }

    /** Parses {@code $dps/registrations/res/{status}/?$rid=…[&retry-after=…]}, parameters in any order. */
    public static Response parseResponse(String topic) {
        if (topic == null || !topic.startsWith(RESPONSE)) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is not a DPS response topic: expected " + RESPONSE + "{status}/?$rid=…");
        }
        int slash = topic.indexOf('/', RESPONSE.length());
        if (slash < 0) {
            throw new IllegalArgumentException("'" + topic + "' is not a DPS response topic: no '/' after the status");
        }
        int status = Query.status(topic.substring(RESPONSE.length(), slash), topic);
        Map<String, String> query = Query.parse(topic, topic.substring(0, slash + 1), "DPS response");
        Long retryAfter = Query.optionalLong(query, RETRY_AFTER, topic);
        if (retryAfter != null && (retryAfter < 0 || retryAfter > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("'" + topic + "': " + RETRY_AFTER + " " + retryAfter
                    + " is not a number of seconds from 0 to " + Integer.MAX_VALUE);
        }
        return new Response(status, Query.required(query, Query.RID, topic), retryAfter == null ? null : retryAfter.intValue());
    }

    private static void checkIdScope(String idScope) {
        if (idScope == null || idScope.isEmpty() || !idScope.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw new IllegalArgumentException(
                    "ID scope '" + idScope + "' must be non-empty ASCII letters and digits, e.g. 0ne00000000");
        }
    }

    /** Registration ids: alphanumerics and {@code - . _ :}, at most 128 characters (DPS compares them in lower case). */
    private static void checkRegistrationId(String registrationId) {
        if (registrationId == null || registrationId.isEmpty() || registrationId.length() > 128
                || !registrationId.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c) || "-._:".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("registration id '" + registrationId
                    + "' must be 1 to 128 ASCII letters, digits, '-', '.', '_' or ':'");
        }
    }
}
