package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The edgeHub configuration the emulator's edge mode runs: the routes and the store-and-forward time to live. Read
 * from JSON shaped like the {@code $edgeHub} module twin's desired properties, whole deployment manifest or the
 * desired properties alone:
 *
 * <pre>{@code
 * {"routes": {
 *    "sensorToFilter": "FROM /messages/modules/sensor/outputs/readings INTO BrokeredEndpoint(\"/modules/filter/inputs/in\")",
 *    "filterToCloud": {"route": "FROM /messages/modules/filter/* INTO $upstream"}},
 *  "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}
 * }</pre>
 *
 * Route objects of schema 1.1 are read for their {@code route}; {@code priority} and their own
 * {@code timeToLiveSecs} are ignored.
 */
record EdgeRoutes(List<EdgeRoute> routes, Duration timeToLive) {

    /** edgeHub's default store-and-forward time to live. */
    static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofSeconds(7200);

    EdgeRoutes {
        routes = List.copyOf(routes);
    }

    static EdgeRoutes of(Map<String, String> routes) {
        List<EdgeRoute> parsed = new ArrayList<>();
        routes.forEach((name, route) -> parsed.add(EdgeRoute.parse(name, route)));
        return new EdgeRoutes(parsed, DEFAULT_TIME_TO_LIVE);
    }

    static EdgeRoutes load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the routes file " + file, e);
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    static EdgeRoutes parse(JsonNode root) {
        JsonNode desired = root.path("modulesContent").path("$edgeHub").path("properties.desired");
        if (desired.isMissingNode()) {
            desired = root.has("properties.desired") ? root.path("properties.desired") : root;
        }
        JsonNode routes = desired.path("routes");
        if (!routes.isObject()) {
            throw new IllegalArgumentException("expected {\"routes\": {\"name\": \"FROM … INTO …\", …}}");
        }
        List<EdgeRoute> parsed = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = routes.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> route = it.next();
            JsonNode text = route.getValue().isObject() ? route.getValue().path("route") : route.getValue();
            if (!text.isTextual()) {
                throw new IllegalArgumentException("route '" + route.getKey() + "' is not a string or {\"route\": \"…\"}");
            }
            parsed.add(EdgeRoute.parse(route.getKey(), text.asText()));
        }
        JsonNode ttl = desired.path("storeAndForwardConfiguration").path("timeToLiveSecs");
        if (!ttl.isMissingNode() && (!ttl.canConvertToLong() || ttl.asLong() <= 0)) {
            throw new IllegalArgumentException("storeAndForwardConfiguration.timeToLiveSecs must be a positive number");
        }
        return new EdgeRoutes(parsed, ttl.isMissingNode() ? DEFAULT_TIME_TO_LIVE : Duration.ofSeconds(ttl.asLong()));
    }
}
