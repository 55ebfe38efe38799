package io.github.iothubmqtt.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.ModuleInputs;
import io.github.iothubmqtt.protocol.SystemProperty;

/**
 * The emulator as an edgeHub: every message a device or module sends is routed by the edge routes instead of going
 * straight to the hub. {@code $upstream} lands it in the telemetry store; a BrokeredEndpoint queues it for a module
 * input on the sender's device, delivered like cloud-to-device messages (PUBACK completes, redelivery after the
 * lock timeout, kept for a CleanSession 0 session) until the store-and-forward time to live. A message that no route
 * takes is dropped, as edgeHub drops it. Hub thread only.
 */
final class EdgeHub {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHub.class);
    private static final String BODY = "$body.";
    /** The system properties a route condition can name, and their keys in the message. */
    private static final Map<String, String> SYSTEM_REFERENCES = Map.of(
            "$contenttype", SystemProperty.CONTENT_TYPE,
            "$contentencoding", SystemProperty.CONTENT_ENCODING,
            "$messageid", SystemProperty.MESSAGE_ID,
            "$correlationid", SystemProperty.CORRELATION_ID,
            "$userid", SystemProperty.USER_ID,
            "$connectiondeviceid", "iothub-connection-device-id",
            "$connectionmoduleid", "iothub-connection-module-id");

    private final EdgeRoutes routes;
    private final TelemetryStore upstream;
    private final DeliveryQueues inputs;

    EdgeHub(EdgeRoutes routes, TelemetryStore upstream, DeliveryQueues inputs) {
        this.routes = routes;
        this.upstream = upstream;
        this.inputs = inputs;
    }

    DeliveryQueues inputs() {
        return inputs;
    }

    /** Sends the message to every sink whose route takes it, each sink once. */
    void route(TelemetryMessage message) {
        String outputName = message.systemProperties().get(SystemProperty.OUTPUT_NAME);
        String path = EdgeRoute.sourcePath(message.identity(), outputName);
        Function<String, Object> resolver = reference -> resolve(message, reference);
        Set<String> sinks = new LinkedHashSet<>();
        boolean toUpstream = false;
        for (EdgeRoute route : routes.routes()) {
            if (!route.matches(path, resolver)) {
                continue;
            }
            if (route.isUpstream()) {
                toUpstream = true;
            } else if (sinks.add(route.inputModule() + "/" + route.inputName())) {
                enqueueInput(message, Identity.module(message.identity().deviceId(), route.inputModule()),
                        route.inputName());
            }
        }
        if (toUpstream) {
            upstream.add(message);
        } else if (sinks.isEmpty()) {
            LOG.info("{}: message from {} dropped: no route takes it", message.identity(), path);
        }
    }

    private void enqueueInput(TelemetryMessage message, Identity target, String inputName) {
        Map<String, String> bag = new LinkedHashMap<>();
        message.systemProperties().forEach((key, value) -> {
            if (key.startsWith("$.") && !key.equals(SystemProperty.OUTPUT_NAME)) {
                bag.put(key, value);
            }
        });
        bag.put(SystemProperty.CONNECTION_DEVICE_ID, message.identity().deviceId());
        if (message.identity().isModule()) {
            bag.put(SystemProperty.CONNECTION_MODULE_ID, message.identity().moduleId());
        }
        bag.putAll(message.applicationProperties());
        String id = bag.getOrDefault(SystemProperty.MESSAGE_ID, UUID.randomUUID().toString());
        inputs.add(target, id, ModuleInputs.deliveryTopic(target, inputName, bag), message.body(),
                Instant.now().plus(routes.timeToLive()));
    }

    /** What a condition's reference names in the message, or {@link RouteCondition#UNDEFINED}. */
    private static Object resolve(TelemetryMessage message, String reference) {
        if (reference.regionMatches(true, 0, BODY, 0, BODY.length())) {
            return bodyField(message, reference.substring(BODY.length()));
        }
        if (reference.startsWith("$")) {
            String key = SYSTEM_REFERENCES.get(reference.toLowerCase(Locale.ROOT));
            String value = key == null ? null : message.systemProperties().get(key);
            return value == null ? RouteCondition.UNDEFINED : value;
        }
        String value = message.applicationProperties().get(reference);
        return value == null ? RouteCondition.UNDEFINED : value;
    }

    /** As in IoT Hub, the body is queried only when the message says it is JSON in UTF-8. */
    private static Object bodyField(TelemetryMessage message, String path) {
        String type = message.systemProperties().getOrDefault(SystemProperty.CONTENT_TYPE, "");
        String encoding = message.systemProperties().getOrDefault(SystemProperty.CONTENT_ENCODING, "");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json") || !encoding.equalsIgnoreCase("utf-8")) {
            return RouteCondition.UNDEFINED;
        }
        JsonNode node;
        try {
            node = Twins.parseJson(message.body());
        } catch (IllegalArgumentException e) {
            return RouteCondition.UNDEFINED;
        }
        for (String field : path.split("\\.")) {
            node = node.path(field);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : RouteCondition.UNDEFINED;
    }
}
