package io.github.iothubmqtt.emulator;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** IoT Hub's JSON error body: {@code {"errorCode":400004,"trackingId":…,"message":…,"timestampUtc":…}}. */
final class ErrorBody {

    private ErrorBody() {
    }

    static ObjectNode of(HubError error, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("errorCode", error.code());
        body.put("trackingId", UUID.randomUUID().toString().replace("-", ""));
        body.put("message", message);
        body.put("timestampUtc", Instant.now().toString());
        return body;
    }
}
