package io.github.iothubmqtt.emulator;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.iothubmqtt.protocol.ClientText;

/**
 * Typed fields of an HTTP request body. A field of the wrong type or out of range is the caller's mistake: it throws
 * {@link IllegalArgumentException}, which the HTTP API answers with 400 and IoT Hub's error body, rather than being
 * coerced into a value nobody asked for.
 */
final class JsonFields {

    private JsonFields() {
    }

    /** An integer field within {@code min..max}, or {@code fallback} when absent. */
    static long integer(JsonNode body, String field, long min, long max, long fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
                || value.longValue() > max) {
            throw new IllegalArgumentException(field + " must be an integer from " + min + " to " + max + ", not "
                    + ClientText.quote(value.toString()));
        }
        return value.longValue();
    }

    /** A field as text, or {@code null} when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A boolean field, or {@code fallback} when absent. */
    static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false, not "
                    + ClientText.quote(value.toString()));
        }
        return value.booleanValue();
    }
}
