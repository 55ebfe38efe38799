package io.github.iothubmqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Device-to-cloud telemetry topics: {@code devices/{d}[/modules/{m}]/messages/events/[{property_bag}]}. */
public final class Telemetry {

    private static final String DEVICES = "devices/";
    private static final String EVENTS = "/messages/events/";
    private static final String EVENTS_WITHOUT_SLASH = "/messages/events";

    /** A parsed telemetry topic. */
    public record Topic(Identity identity, Map<String, String> properties) {
    }

    private Telemetry() {
    }

    /**
     * The topic to publish to; the bag follows the trailing slash directly (never a {@code ?}). Identities and bags are
     * ASCII (the bag percent-encoded), so the topic's length is its size, and it holds no MQTT wildcard.
     */
    public static String topic(Identity identity, Map<String, String> properties) {
        checkProperties(properties);
        String topic = identity.devicesPath() + EVENTS + PropertyBag.encode(properties);
        if (topic.length() > HubLimits.MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("the telemetry topic would be " + topic.length()
                    + " bytes with its property bag; an MQTT topic is at most " + HubLimits.MAX_TOPIC_BYTES + " bytes");
        }
        return topic;
    }

    /** Parses a telemetry topic; accepts a trailing {@code /} after the bag, as the hub does. */
    public static Topic parse(String topic) {
        if (topic == null || !topic.startsWith(DEVICES)) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a telemetry topic: it must start with " + DEVICES);
        }
        // searched from the slash of "devices/", so that "devices/messages/events/" is found, naming no identity
        int events = topic.indexOf(EVENTS_WITHOUT_SLASH, DEVICES.length() - 1);
        if (events == DEVICES.length() - 1) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " names no identity: expected devices/{d} or devices/{d}/modules/{m}");
        }
        if (events < 0) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a telemetry topic: " + EVENTS + " is missing");
        }
        Identity identity = identityOf(topic, topic.substring(DEVICES.length(), events));
        String rest = topic.substring(events + EVENTS_WITHOUT_SLASH.length());
        if (!rest.isEmpty() && !rest.startsWith("/")) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a telemetry topic: " + EVENTS + " must end the path");
        }
        String bag = rest.isEmpty() ? "" : rest.substring(1);
        if (bag.endsWith("/")) {
            bag = bag.substring(0, bag.length() - 1);
        }
        if (bag.startsWith("?")) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + ": the property bag must follow the '/' directly, not a '?'");
        }
        return new Topic(identity, PropertyBag.decode(bag));
    }

    /**
     * Checks names and values the hub would refuse: empty names, control characters, and application
     * property names in the reserved {@code $} namespace.
     */
    public static void checkProperties(Map<String, String> properties) {
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String name = property.getKey();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("property name is empty: IoT Hub needs a name for every property");
            }
            if (name.startsWith("$") && !SystemProperty.isSystem(name)) {
                throw new IllegalArgumentException("property name " + ClientText.quote(name)
                        + " starts with '$', which IoT Hub reserves for system properties");
            }
            checkNoControlCharacters("name", name, name);
            if (property.getValue() != null) {
                checkNoControlCharacters("value", name, property.getValue());
            }
        }
    }

    /** The size IoT Hub counts against its 256 KB limit: body, property names and values. */
    public static int messageSize(byte[] body, Map<String, String> properties) {
        int size = body == null ? 0 : body.length;
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (!SystemProperty.isSystem(property.getKey())) {
                size += utf8Length(property.getKey());
            }
            size += property.getValue() == null ? 0 : utf8Length(property.getValue());
        }
        return size;
    }

    static Identity identityOf(String topic, String path) {
        String[] segments = path.split("/", -1);
        try {
            if (segments.length == 1) {
                return Identity.device(segments[0]);
            }
            if (segments.length == 3 && "modules".equals(segments[1])) {
                return Identity.module(segments[0], segments[2]);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ClientText.quote(topic) + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(
                ClientText.quote(topic) + " names no identity: expected devices/{d} or devices/{d}/modules/{m}");
    }

    private static void checkNoControlCharacters(String what, String name, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new IllegalArgumentException("property " + ClientText.quote(name) + ": the " + what
                        + " contains the control character U+" + String.format("%04X", (int) text.charAt(i)));
            }
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
