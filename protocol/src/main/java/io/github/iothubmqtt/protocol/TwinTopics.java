package io.github.iothubmqtt.protocol;

import java.util.Map;

/** Device twin topics: GET, reported PATCH, responses and desired-property notifications. */
public final class TwinTopics {

    public static final String RESPONSE_FILTER = "$iothub/twin/res/#";
    public static final String DESIRED_FILTER = "$iothub/twin/PATCH/properties/desired/#";
    private static final String GET = "$iothub/twin/GET/";
    private static final String PATCH_REPORTED = "$iothub/twin/PATCH/properties/reported/";
    private static final String RESPONSE = "$iothub/twin/res/";
    private static final String DESIRED = "$iothub/twin/PATCH/properties/desired/";

    /** What a device asks of its twin. */
    public enum Operation {
        GET, PATCH_REPORTED
    }

    /** A device's twin request; {@code version} is the optional base version of a reported patch. */
    public record Request(Operation operation, String rid, Long version) {
    }

    /** The hub's answer; {@code version} is the new reported version after a patch. */
    public record Response(int status, String rid, Long version) {
    }

    private TwinTopics() {
    }

    public static String getTopic(String rid) {
        return GET + "?" + Query.RID + "=" + Query.rid(rid);
    }

    /** The reported patch topic; a non-null {@code version} asks for optimistic concurrency. */
    public static String patchReportedTopic(String rid, Long version) {
        return PATCH_REPORTED + "?" + Query.RID + "=" + Query.rid(rid)
                + (version == null ? "" : "&" + Query.VERSION + "=" + version);
    }

    public static Request parseRequest(String topic) {
        if (topic != null && topic.startsWith(GET)) {
            return new Request(Operation.GET, Query.required(Query.parse(topic, GET, "twin GET"), Query.RID, topic), null);
        }
        Map<String, String> query = Query.parse(topic, PATCH_REPORTED, "twin request");
        return new Request(Operation.PATCH_REPORTED, Query.required(query, Query.RID, topic),
                Query.optionalLong(query, Query.VERSION, topic));
    }

    /** The response topic, {@code $rid} before {@code $version}: the Java SDK depends on that order. */
    public static String responseTopic(int status, String rid, Long version) {
        Query.checkStatus(status);
        return RESPONSE + status + "/?" + Query.RID + "=" + Query.rid(rid)
                + (version == null ? "" : "&" + Query.VERSION + "=" + version);
    }

    public static Response parseResponse(String topic) {
        if (topic == null || !topic.startsWith(RESPONSE)) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a twin response topic: expected " + RESPONSE + "{status}/?$rid=…");
        }
        int slash = topic.indexOf('/', RESPONSE.length());
        if (slash < 0) {
            throw new IllegalArgumentException(
                    ClientText.quote(topic) + " is not a twin response topic: no '/' after the status");
        }
        int status = Query.status(topic.substring(RESPONSE.length(), slash), topic);
        Map<String, String> query = Query.parse(topic, topic.substring(0, slash + 1), "twin response");
        return new Response(status, Query.required(query, Query.RID, topic), Query.optionalLong(query, Query.VERSION, topic));
    }

    public static String desiredTopic(long version) {
        return DESIRED + "?" + Query.VERSION + "=" + version;
    }

    /** The {@code $version} of a desired-property notification. */
    public static long parseDesired(String topic) {
        Map<String, String> query = Query.parse(topic, DESIRED, "desired properties");
        return Query.requiredLong(query, Query.VERSION, topic);
    }
}
