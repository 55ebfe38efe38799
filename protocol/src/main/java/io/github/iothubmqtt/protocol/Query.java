package io.github.iothubmqtt.protocol;

import java.util.Map;
import java.util.OptionalLong;

/** The {@code ?$rid=…&$version=…} part of twin and method topics. */
final class Query {

    static final String RID = "$rid";
    static final String VERSION = "$version";

    private Query() {
    }

    /** Splits {@code prefix?query} after checking the prefix; returns the decoded query parameters. */
    static Map<String, String> parse(String topic, String prefix, String what) {
        if (topic == null || !topic.startsWith(prefix)) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a " + what + " topic: expected " + prefix + "…");
        }
        String rest = topic.substring(prefix.length());
        if (!rest.startsWith("?")) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a " + what + " topic: the query must follow " + prefix);
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
        return value == null ? null : number(value, name, topic);
    }

    static long requiredLong(Map<String, String> query, String name, String topic) {
        return number(required(query, name, topic), name, topic);
    }

    /** A three-digit status segment, 100 to 999, as the SDKs expect. */
    static int status(String segment, String topic) {
        OptionalLong status = segment.length() == 3 && segment.charAt(0) != '0' ? decimal(segment) : OptionalLong.empty();
        if (status.isEmpty() || status.getAsLong() < 100) {
            throw new IllegalArgumentException(ClientText.quote(topic) + ": status " + ClientText.quote(segment)
                    + " is not a three-digit number from 100 to 999");
        }
        return (int) status.getAsLong();
    }

    /** Refuses a status that {@link #status} could not read back. */
    static void checkStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status " + status + " is not a three-digit number from 100 to 999");
        }
    }

    static int integer(String segment, String topic) {
        OptionalLong value = decimal(segment);
        if (value.isEmpty() || value.getAsLong() < Integer.MIN_VALUE || value.getAsLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + ": status " + ClientText.quote(segment) + " is not an integer");
        }
        return (int) value.getAsLong();
    }

    static String rid(String rid) {
        if (rid == null || rid.isEmpty()) {
            throw new IllegalArgumentException("request id ($rid) is empty");
        }
        return PropertyBag.encodeComponent(rid);
    }

    private static long number(String value, String name, String topic) {
        return decimal(value).orElseThrow(() -> new IllegalArgumentException(
                ClientText.quote(topic) + ": " + name + " " + ClientText.quote(value) + " is not a number"));
    }

    /**
     * ASCII digits with an optional '-', within the range of a long: Long.parseLong alone would also take '+' and other
     * scripts' digits, which no SDK writes.
     */
    static OptionalLong decimal(String text) {
        int first = text.startsWith("-") ? 1 : 0;
        if (text.length() == first) {
            return OptionalLong.empty();
        }
        for (int i = first; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException outOfRange) {
            return OptionalLong.empty();
        }
    }
}
