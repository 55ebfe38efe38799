package io.github.iothubmqtt.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The desired and reported properties of one identity's twin with their {@code $version}s, as the hub keeps them.
 * Not thread-safe: the owner serialises access.
 */
public final class TwinDocument {

    private static final String VERSION = "$version";

    private final Section desired = new Section("desired");
    private final Section reported = new Section("reported");

    public long desiredVersion() {
        return desired.version;
    }

    public long reportedVersion() {
        return reported.version;
    }

    /** Applies a desired patch (service side) and returns the new desired {@code $version}. */
    public long patchDesired(JsonNode patch) {
        return desired.patch(patch);
    }

    /** Applies a reported patch (device side) and returns the new reported {@code $version}. */
    public long patchReported(JsonNode patch) {
        return reported.patch(patch);
    }

    /** The desired properties with {@code $version}, a copy. */
    public ObjectNode desired() {
        return desired.withVersion();
    }

    /** The reported properties with {@code $version}, a copy. */
    public ObjectNode reported() {
        return reported.withVersion();
    }

    /** The GET response body: {@code {"desired":{…,"$version":n},"reported":{…,"$version":m}}}. */
    public ObjectNode toJsonNode() {
        ObjectNode twin = JsonNodeFactory.instance.objectNode();
        twin.set("desired", desired());
        twin.set("reported", reported());
        return twin;
    }

    public String toJson() {
        return toJsonNode().toString();
    }

    /** Builds the body of a desired-property notification: the patch with the new {@code $version}. */
    public static ObjectNode notification(JsonNode patch, long version) {
        if (patch == null || !patch.isObject()) {
            throw new IllegalArgumentException("a desired-property notification carries a JSON object patch");
        }
        ObjectNode body = ((ObjectNode) patch).deepCopy();
        body.put(VERSION, version);
        return body;
    }

    private static final class Section {
        private final String name;
        private ObjectNode properties = JsonNodeFactory.instance.objectNode();
        private long version = 1;

        Section(String name) {
            this.name = name;
        }

        long patch(JsonNode patch) {
            TwinPatch.validate(patch);
            ObjectNode merged = properties.deepCopy();
            TwinPatch.apply(merged, patch);
            int size = TwinPatch.sizeOf(merged);
            if (size > HubLimits.MAX_TWIN_SECTION_BYTES) {
                throw new IllegalArgumentException("the " + name + " properties would grow to " + size
                        + " bytes; IoT Hub allows at most " + HubLimits.MAX_TWIN_SECTION_BYTES);
            }
            properties = merged;
            return ++version;
        }

        ObjectNode withVersion() {
            ObjectNode copy = properties.deepCopy();
            copy.put(VERSION, version);
            return copy;
        }
    }
}
