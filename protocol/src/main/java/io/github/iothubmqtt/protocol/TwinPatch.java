package io.github.iothubmqtt.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/** Twin patches: the hub's document rules, and the merge that applies a patch (deep merge, {@code null} deletes). */
public final class TwinPatch {

    private static final String FORBIDDEN_IN_KEYS = ".$ ";

    private TwinPatch() {
    }

    /**
     * Checks a desired or reported patch against the documented rules: a JSON object of at most 32 KB, depth at most
     * 10, keys of at most 1 KB without control characters, {@code .}, {@code $} or spaces, values boolean, number,
     * string, object or {@code null} (no arrays), strings of at most 4 KB, integers within ±2^52, finite numbers, keys and
     * strings that have a UTF-8 form (no unpaired surrogates).
     */
    public static void validate(JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException(
                    "a twin patch must be a JSON object, not " + (patch == null ? "nothing" : patch.getNodeType()));
        }
        int size = sizeOf(patch);
        if (size > HubLimits.MAX_TWIN_SECTION_BYTES) {
            throw new IllegalArgumentException("twin patch is " + size + " bytes; IoT Hub allows at most "
                    + HubLimits.MAX_TWIN_SECTION_BYTES + " bytes per section");
        }
        checkObject(patch, "", 1);
    }

    /** Merges the patch into the target: objects merge recursively, {@code null} removes a member, anything else replaces. */
    public static void apply(ObjectNode target, JsonNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            JsonNode existing = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject()) {
                ObjectNode merged = existing != null && existing.isObject() ? (ObjectNode) existing : target.objectNode();
                apply(merged, value);
                target.set(field.getKey(), merged);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }

    /** Compact UTF-8 size of a JSON value, as the hub counts it. */
    public static int sizeOf(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static void checkObject(JsonNode object, String path, int depth) {
        if (depth > HubLimits.MAX_TWIN_DEPTH) {
            throw new IllegalArgumentException(
                    "twin patch nests deeper than " + HubLimits.MAX_TWIN_DEPTH + " levels at " + ClientText.quote(path));
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String member = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            checkKey(field.getKey(), member);
            checkValue(field.getValue(), member, depth);
        }
    }

    private static void checkKey(String key, String member) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException("twin patch has an empty key under " + ClientText.quote(member));
        }
        if (Utf8.bytes(key, "twin key " + ClientText.quote(member)).length > HubLimits.MAX_TWIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "twin key " + ClientText.quote(member) + " is longer than " + HubLimits.MAX_TWIN_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c) || FORBIDDEN_IN_KEYS.indexOf(c) >= 0) {
                throw new IllegalArgumentException("twin key " + ClientText.quote(member) + " contains '"
                        + (Character.isISOControl(c) ? "a control character" : c)
                        + "': IoT Hub forbids control characters, '.', '$' and spaces in keys");
            }
        }
    }

    private static void checkValue(JsonNode value, String member, int depth) {
        switch (value.getNodeType()) {
            case OBJECT -> checkObject(value, member, depth + 1);
            case ARRAY -> throw new IllegalArgumentException("twin property " + ClientText.quote(member)
                    + " is an array: IoT Hub accepts boolean, number, string, object or null values");
            case STRING -> {
                if (Utf8.bytes(value.textValue(),
                        "twin property " + ClientText.quote(member)).length > HubLimits.MAX_TWIN_STRING_BYTES) {
                    throw new IllegalArgumentException("twin property " + ClientText.quote(member) + " is a string longer than "
                            + HubLimits.MAX_TWIN_STRING_BYTES + " bytes");
                }
            }
            case NUMBER -> {
                // JSON has no Infinity or NaN: stored, they would make the document unreadable (1e400 parses as Infinity)
                if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
                    throw new IllegalArgumentException("twin property " + ClientText.quote(member) + " = " + value.doubleValue()
                            + " is not a finite number: JSON cannot hold it");
                }
                if (value.isIntegralNumber() && (!value.canConvertToLong()
                        || value.longValue() > HubLimits.MAX_TWIN_INTEGER || value.longValue() < HubLimits.MIN_TWIN_INTEGER)) {
                    throw new IllegalArgumentException(
                            "twin property " + ClientText.quote(member) + " = " + ClientText.quote(value.toString())
                                    + " is outside the integers IoT Hub stores (" + HubLimits.MIN_TWIN_INTEGER + " to "
                                    + HubLimits.MAX_TWIN_INTEGER + ")");
                }
            }
            case BOOLEAN, NULL -> {
            }
            default -> throw new IllegalArgumentException(
                    "twin property " + ClientText.quote(member) + " has the unsupported type " + value.getNodeType());
        }
    }
}
