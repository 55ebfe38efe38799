package io.github.iothubmqtt.camel;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads the hub's error bodies: {@code {"errorCode":400004,"message":"…",…}}. */
final class HubAnswers {

    private HubAnswers() {
    }

    static IotHubStatusException failure(String operation, int status, byte[] body) {
        JsonNode error;
        try {
            error = body == null || body.length == 0 ? null : JsonBodies.json().readTree(body);
        } catch (java.io.IOException notJson) {
            error = null;
        }
        Integer errorCode = error != null && error.path("errorCode").canConvertToInt() ? error.path("errorCode").asInt() : null;
        String message = error != null ? error.path("message").asText(null) : null;
        return new IotHubStatusException(operation, status, errorCode, message);
    }
}
