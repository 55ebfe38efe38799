package io.github.iothubmqtt.protocol;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * IoT Plug and Play's answer to writable properties: the reported patch that acknowledges desired values, each
 * property as {@code {"value":…,"ac":…,"av":…[,"ad":…]}}, a component's properties inside
 * {@code {"<component>":{"__t":"c",…}}}.
 */
public final class WritablePropertyAck {

    /** The member that marks an object of a twin section as a component. */
    public static final String COMPONENT_MARKER = "__t";
    private static final String COMPONENT_MARKER_VALUE = "c";

    private WritablePropertyAck() {
    }

    /**
     * The reported patch acknowledging every property of {@code values}, typically the desired patch the device
     * received. Members whose names start with {@code $} ({@code $version}, {@code $metadata}) and properties set to
     * {@code null} (removed by the back end) are not acknowledged.
     *
     * @param values the properties and the values the device took: a JSON object
     * @param component when non-null, {@code values} are this component's properties; when null, members of
     *        {@code values} that are objects marked {@code "__t":"c"} are components and the others root properties
     * @param code {@code ac}, an HTTP-like status: 200 done, 202 pending, 4xx refused
     * @param version {@code av}, the desired {@code $version} acknowledged
     * @param description {@code ad}, or null to leave it out
     * @return the reported patch; empty when there is nothing to acknowledge (a desired document with no
     *         property yet, only removals)
     * @throws IllegalArgumentException when {@code values} is not an object or the version is negative
     */
    public static ObjectNode acknowledge(JsonNode values, String component, int code, long version, String description) {
        if (values == null || !values.isObject()) {
            throw new IllegalArgumentException("the writable properties to acknowledge must be a JSON object, not "
                    + (values == null ? "nothing" : values.getNodeType()));
        }
        if (version < 0) {
            throw new IllegalArgumentException(
                    "the acknowledged desired version (av) is " + version + "; it must be 0 or more");
        }
        Ack ack = new Ack(code, version, description);
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        if (component != null) {
            if (component.isEmpty()) {
                throw new IllegalArgumentException("the component name is empty");
            }
            ObjectNode properties = ack.properties(values);
            if (!properties.isEmpty()) {
                patch.set(component, marked(properties));
            }
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> members = values.fields(); members.hasNext();) {
                Map.Entry<String, JsonNode> member = members.next();
                if (isComponent(member.getValue())) {
                    ObjectNode properties = ack.properties(member.getValue());
                    if (!properties.isEmpty()) {
                        patch.set(member.getKey(), marked(properties));
                    }
                } else {
                    ack.add(patch, member.getKey(), member.getValue());
                }
            }
        }
        return patch;
    }

    /** Whether a twin member is a component: an object marked {@code "__t":"c"}. */
    public static boolean isComponent(JsonNode member) {
        return member != null && member.isObject() && COMPONENT_MARKER_VALUE.equals(member.path(COMPONENT_MARKER).asText(null));
    }

    private static ObjectNode marked(ObjectNode properties) {
        ObjectNode component = JsonNodeFactory.instance.objectNode().put(COMPONENT_MARKER, COMPONENT_MARKER_VALUE);
        component.setAll(properties);
        return component;
    }

    private record Ack(int code, long version, String description) {

        /** The acknowledged properties of one object, its marker and {@code $} members left out. */
        ObjectNode properties(JsonNode values) {
            ObjectNode acknowledged = JsonNodeFactory.instance.objectNode();
            values.fields().forEachRemaining(member -> {
                if (!member.getKey().equals(COMPONENT_MARKER)) {
                    add(acknowledged, member.getKey(), member.getValue());
                }
            });
            return acknowledged;
        }

        void add(ObjectNode target, String name, JsonNode value) {
            if (name.startsWith("$") || value.isNull()) {
                return;
            }
            ObjectNode answer = target.putObject(name);
            answer.set("value", value.deepCopy());
            answer.put("ac", code);
            answer.put("av", version);
            if (description != null) {
                answer.put("ad", description);
            }
        }
    }
}
