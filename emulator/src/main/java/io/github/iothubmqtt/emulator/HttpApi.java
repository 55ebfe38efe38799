package io.github.iothubmqtt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The service API over plain HTTP, shaped like IoT Hub's REST API where one exists (twins, methods, C2D with
 * {@code iothub-*} headers), plus {@code /emulator/...} reads and controls, so a person can drive the emulator with
 * curl. Every route runs on the hub thread.
 */
final class HttpApi {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String APP_PROPERTY_PREFIX = "iothub-app-";
    /** REST headers of IoT Hub messages and the MQTT property each stands for. */
    private static final Map<String, String> SYSTEM_HEADERS = Map.of(
            "iothub-messageid", SystemProperty.MESSAGE_ID,
            "iothub-correlationid", SystemProperty.CORRELATION_ID,
            "iothub-userid", SystemProperty.USER_ID,
            "iothub-expiry", SystemProperty.EXPIRY,
            "iothub-contenttype", SystemProperty.CONTENT_TYPE,
            "content-type", SystemProperty.CONTENT_TYPE,
            "iothub-contentencoding", SystemProperty.CONTENT_ENCODING,
            "content-encoding", SystemProperty.CONTENT_ENCODING,
            "iothub-ack", SystemProperty.ACK);
    private static final Duration DEFAULT_METHOD_RESPONSE_TIMEOUT = Duration.ofSeconds(30);
    /** Far above the hub's largest body (a 128 KB method payload); anything bigger is refused before it is read. */
    private static final long MAX_BODY_BYTES = 256 * 1024;

    private final Hub hub;
    private final ServiceApi service;
    private HttpServer server;

    HttpApi(Hub hub) {
        this.hub = hub;
        this.service = new ServiceApi(hub);
    }

    Future<Integer> listen(String host, int port) {
        Router router = Router.router(hub.thread().vertx());
        router.route().handler(new LocalRequestGuard(host));
        // no file uploads: Vert.x would otherwise keep every multipart file in ./file-uploads, even on a 404
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        for (String prefix : new String[] {"/twins/:deviceId", "/twins/:deviceId/modules/:moduleId"}) {
            router.get(prefix).handler(this::getTwin);
            router.patch(prefix).handler(this::patchTwin);
            router.post(prefix + "/methods").handler(this::invokeMethod);
        }
        router.post("/devices/:deviceId/messages/deviceBound").handler(this::sendC2d);
        router.post("/devices/:deviceId/modules/:moduleId/messages/deviceBound").handler(this::sendC2d);
        router.get("/emulator/devices").handler(this::listIdentities);
        router.get("/emulator/telemetry").handler(this::telemetry);
        router.get("/emulator/telemetry/:deviceId").handler(this::telemetry);
        router.get("/emulator/telemetry/:deviceId/modules/:moduleId").handler(this::telemetry);
        router.post("/emulator/kick/:deviceId").handler(this::kick);
        router.post("/emulator/kick/:deviceId/modules/:moduleId").handler(this::kick);
        router.post("/emulator/drop-all").handler(ctx -> json(ctx, 200,
                JSON.objectNode().put("dropped", service.dropAllConnections())));
        router.get("/emulator/faults").handler(this::faults);
        router.put("/emulator/faults").handler(this::setFaults);
        router.route().failureHandler(this::failure);
        // no route matched: the hub's JSON error body, not Vert.x's HTML page
        router.errorHandler(404, ctx -> json(ctx, 404, ErrorBody.of(HubError.GENERIC_NOT_FOUND,
                ClientText.quote(ctx.request().path()) + " is not a path of this hub's service API")));
        router.errorHandler(405, ctx -> json(ctx, 405, ErrorBody.of(HubError.GENERIC_METHOD_NOT_ALLOWED,
                ctx.request().method() + " is not allowed on " + ClientText.quote(ctx.request().path()))));
        server = hub.thread().vertx().createHttpServer().requestHandler(router);
        return server.listen(port, host)
                .recover(e -> Future.failedFuture(new PortUnavailableException("HTTP", port, "--http-port", e)))
                .map(HttpServer::actualPort);
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    private static Identity identity(RoutingContext ctx) {
        String moduleId = ctx.pathParam("moduleId");
        String deviceId = ctx.pathParam("deviceId");
        return moduleId == null ? Identity.device(deviceId) : Identity.module(deviceId, moduleId);
    }

    /** The REST twin shape: identity, model, generation, status and {@code properties.desired/reported}. */
    private void getTwin(RoutingContext ctx) {
        Identity identity = identity(ctx);
        json(ctx, 200, restTwin(identity, service.twin(identity)));
    }

    /** PATCH body {@code {"properties":{"desired":{…}}}}, as the REST API's update-twin. */
    private void patchTwin(RoutingContext ctx) {
        Identity identity = identity(ctx);
        JsonNode desired = Twins.parseObject(ctx.body().buffer().getBytes()).path("properties").path("desired");
        if (!desired.isObject()) {
            throw new IllegalArgumentException("the body must be {\"properties\":{\"desired\":{…}}}");
        }
        service.updateDesired(identity, desired);
        json(ctx, 200, restTwin(identity, service.twin(identity)));
    }

    private ObjectNode restTwin(Identity identity, JsonNode twin) {
        ObjectNode rest = JSON.objectNode();
        rest.put("deviceId", identity.deviceId());
        if (identity.isModule()) {
            rest.put("moduleId", identity.moduleId());
        }
        rest.put("modelId", service.modelId(identity));
        rest.put("generationId", hub.registry().generationId(identity));
        rest.put("status", hub.registry().get(identity).enabled() ? "enabled" : "disabled");
        rest.put("connectionState", service.connectionCount(identity) > 0 ? "Connected" : "Disconnected");
        rest.set("properties", twin);
        return rest;
    }

    /** Body {@code methodName, payload, responseTimeoutInSeconds, connectTimeoutInSeconds} → {@code status, payload}. */
    private void invokeMethod(RoutingContext ctx) {
        JsonNode request = Twins.parseObject(ctx.body().buffer().getBytes());
        String name = request.path("methodName").asText(null);
        if (name == null) {
            throw new IllegalArgumentException("methodName is missing");
        }
        JsonNode payload = request.get("payload");
        Duration responseTimeout = Duration.ofSeconds(JsonFields.integer(request, "responseTimeoutInSeconds",
                HubLimits.MIN_METHOD_RESPONSE_TIMEOUT_SECONDS, HubLimits.MAX_METHOD_RESPONSE_TIMEOUT_SECONDS,
                DEFAULT_METHOD_RESPONSE_TIMEOUT.toSeconds()));
        Duration connectTimeout = Duration.ofSeconds(JsonFields.integer(request, "connectTimeoutInSeconds", 0,
                HubLimits.MAX_METHOD_CONNECT_TIMEOUT_SECONDS, 0));
        service.invokeMethod(identity(ctx), name, payload == null ? null : payload.toString(), responseTimeout,
                connectTimeout).whenComplete((result, failure) -> {
                    if (failure != null) {
                        ctx.fail(failure instanceof CompletionException ? failure.getCause() : failure);
                        return;
                    }
                    ObjectNode answer = JSON.objectNode().put("status", result.status());
                    answer.set("payload", parseOrText(result.payloadJson()));
                    json(ctx, 200, answer);
                });
    }

    /** Body = message body; {@code iothub-*} headers = system properties, {@code iothub-app-*} = application ones. */
    private void sendC2d(RoutingContext ctx) {
        Map<String, String> properties = new LinkedHashMap<>();
        ctx.request().headers().forEach((name, value) -> {
            String header = name.toLowerCase(Locale.ROOT);
            if (header.startsWith(APP_PROPERTY_PREFIX)) {
                properties.put(name.substring(APP_PROPERTY_PREFIX.length()), value);
            } else if (SYSTEM_HEADERS.containsKey(header)) {
                properties.put(SYSTEM_HEADERS.get(header), value);
            }
        });
        String messageId = service.sendC2d(identity(ctx), ctx.body().buffer().getBytes(), properties);
        ctx.response().setStatusCode(204).putHeader("iothub-messageid", messageId).end();
    }

    private void listIdentities(RoutingContext ctx) {
        ArrayNode identities = JSON.arrayNode();
        for (RegisteredIdentity entry : hub.registry().all()) {
            ObjectNode item = identities.addObject();
            item.put("clientId", entry.identity().clientId());
            item.put("authentication", entry.isX509() ? "x509" : "sas");
            item.put("status", entry.enabled() ? "enabled" : "disabled");
            item.put("connected", service.connectionCount(entry.identity()) > 0);
        }
        json(ctx, 200, identities);
    }

    private void telemetry(RoutingContext ctx) {
        ArrayNode messages = JSON.arrayNode();
        var received = ctx.pathParam("deviceId") == null ? service.telemetry() : service.telemetry(identity(ctx));
        for (TelemetryMessage message : received) {
            ObjectNode item = messages.addObject();
            item.put("clientId", message.identity().clientId());
            item.put("body", message.bodyAsString());
            item.set("systemProperties", toJson(message.systemProperties()));
            item.set("applicationProperties", toJson(message.applicationProperties()));
            item.put("enqueuedTime", message.enqueuedTime().toString());
        }
        json(ctx, 200, messages);
    }

    private void kick(RoutingContext ctx) {
        json(ctx, 200, JSON.objectNode().put("kicked", service.kick(identity(ctx))));
    }

    private void faults(RoutingContext ctx) {
        Faults faults = hub.faults();
        json(ctx, 200, JSON.objectNode()
                .put("refuseConnects", faults.refusingConnects())
                .put("delayResponsesMillis", faults.responseDelay().toMillis())
                .put("throttleTwin", faults.remainingTwinThrottles()));
    }

    /** Body {@code {"refuseConnects":true,"delayResponsesMillis":500,"throttleTwin":3}}; absent fields unchanged. */
    private void setFaults(RoutingContext ctx) {
        JsonNode body = Twins.parseObject(ctx.body().buffer().getBytes());
        Faults faults = hub.faults();
        // every field is checked before any is applied: a 400 changes nothing
        boolean refuseConnects = JsonFields.bool(body, "refuseConnects", faults.refusingConnects());
        long delayMillis = JsonFields.integer(body, "delayResponsesMillis", 0, Faults.MAX_RESPONSE_DELAY.toMillis(),
                faults.responseDelay().toMillis());
        long throttleTwin = JsonFields.integer(body, "throttleTwin", 0, Integer.MAX_VALUE,
                faults.remainingTwinThrottles());
        faults.refuseConnects(refuseConnects).delayResponses(Duration.ofMillis(delayMillis))
                .throttleTwin((int) throttleTwin);
        faults(ctx);
    }

    private void failure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof HubException hubException) {
            json(ctx, hubException.error().httpStatus(), ErrorBody.of(hubException.error(), hubException.detail()));
        } else if (failure instanceof IllegalArgumentException) {
            json(ctx, 400, ErrorBody.of(HubError.ARGUMENT_INVALID, failure.getMessage()));
        } else if (failure != null) {
            json(ctx, 500, JSON.objectNode().put("message", failure.toString()));
        } else {
            ctx.response().setStatusCode(ctx.statusCode()).end();
        }
    }

    private static ObjectNode toJson(Map<String, String> properties) {
        ObjectNode node = JSON.objectNode();
        properties.forEach(node::put);
        return node;
    }

    private static JsonNode parseOrText(String payload) {
        if (payload == null) {
            return JSON.nullNode();
        }
        try {
            return Twins.parseJson(payload.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return JSON.textNode(payload);
        }
    }

    private static void json(RoutingContext ctx, int status, JsonNode body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
