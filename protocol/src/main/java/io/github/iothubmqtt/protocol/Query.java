package io.github.iothubmqtt.protocol;

import java.util.Map;

/** The {@code ?$rid=…&$version=…} part of twin and method topics. */
final class Query {

    static final String RID = "$rid";
    static final String VERSION = "$version";

    private Query() {
    }

    /** Splits {@code prefix?query} after checking the prefix; returns the decoded query parameters. */
    static Map<String, String> parse(String topic, String prefix, String what) {
        if (topic == null || !topic.startsWith(prefix)) {
            throw new IllegalArgumentException(ClientText.quote(topic) + " is not a " + what + " topic: expected " + prefix + "…");
        }
        String rest = topic.substring(prefix.length());
        if (!rest.startsWith("?")) {
            throw new IllegalArgumentException(ClientText.quote(topic) + " is not a " + what + " topic: the query must follow " + prefix);
        }
        return PropertyBag.decode(rest.substring(1));
    }

    static String required(Map<String, String> query, String name, String topic) {
        String value = query.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(ClientText.quote(topic) + " has no " + name);
        }
        return value;
    }

    static Long optionalLong(Map<String, String> query, String name, String topic) {
        String value = query.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ClientText.quote(topic) + ": " + name + " " + ClientText.quote(value) + " is not a number", e);
        }
    }

    /** A three-digit status segment, as the SDKs expect. */
    static int status(String segment, String topic) {
        if (segment.length() != 3 || !segment.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(ClientText.quote(topic) + ": status " + ClientText.quote(segment) + " is not a three-digit number");
        }
        return Integer.parseInt(segment);
    }

    static int integer(String segment, String topic) {
        try {
            return Integer.parseInt(segment);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ClientText.quote(topic) + ": status " + ClientText.quote(segment) + " is not an integer", e);
        }
    }

    static String rid(String rid) {
        if (rid == null || rid.isEmpty()) {
            throw new IllegalArgumentException("request id ($rid) is empty");
        }
        return PropertyBag.encodeComponent(rid);
    }
}
