package io.github.iothubmqtt.protocol;

/** Direct method topics: requests {@code $iothub/methods/POST/{name}/?$rid=…}, responses {@code $iothub/methods/res/{status}/?$rid=…}. */
public final class MethodTopics {

    public static final String REQUEST_FILTER = "$iothub/methods/POST/#";
    private static final String REQUEST = "$iothub/methods/POST/";
    private static final String RESPONSE = "$iothub/methods/res/";
    /** Method names: printable US-ASCII without these separators (direct methods guide). */
    private static final String FORBIDDEN_IN_NAMES = "$()<>@,;:\\\"/[]?={} \t";

    /** A method call from the hub. */
    public record Request(String methodName, String rid) {
    }

    /** A device's answer to a call. */
    public record Response(int status, String rid) {
    }

    private MethodTopics() {
    }

    public static String requestTopic(String methodName, String rid) {
        checkMethodName(methodName);
        return REQUEST + methodName + "/?" + Query.RID + "=" + Query.rid(rid);
    }

    public static Request parseRequest(String topic) {
        if (topic == null || !topic.startsWith(REQUEST)) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a method request topic: expected " + REQUEST + "{name}/?$rid=…");
        }
        int slash = topic.indexOf('/', REQUEST.length());
        if (slash < 0) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a method request topic: no '/' after the method name");
        }
        String name = topic.substring(REQUEST.length(), slash);
        checkMethodName(name);
        return new Request(name,
                Query.required(Query.parse(topic, topic.substring(0, slash + 1), "method request"), Query.RID, topic));
    }

    /** The response topic; unlike twin statuses, a method's status is any integer the device chooses. */
    public static String responseTopic(int status, String rid) {
        return RESPONSE + status + "/?" + Query.RID + "=" + Query.rid(rid);
    }

    public static Response parseResponse(String topic) {
        if (topic == null || !topic.startsWith(RESPONSE)) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a method response topic: expected " + RESPONSE + "{status}/?$rid=…");
        }
        int slash = topic.indexOf('/', RESPONSE.length());
        if (slash < 0) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a method response topic: no '/' after the status");
        }
        int status = Query.integer(topic.substring(RESPONSE.length(), slash), topic);
        return new Response(status,
                Query.required(Query.parse(topic, topic.substring(0, slash + 1), "method response"), Query.RID, topic));
    }

    /** Checks a method name against the hub's rules. */
    public static void checkMethodName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("method name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E || FORBIDDEN_IN_NAMES.indexOf(c) >= 0) {
                throw new IllegalArgumentException(
                        "method name " + ClientText.quote(name) + " contains '" + ClientText.escape(c)
                                + "': IoT Hub allows printable US-ASCII except " + FORBIDDEN_IN_NAMES.trim() + " and spaces");
            }
        }
    }
}
