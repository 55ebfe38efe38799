package io.github.iothubmqtt.camel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.iothubmqtt.camel.session.TwinChannel;
import io.github.iothubmqtt.protocol.TwinPatch;
import io.github.iothubmqtt.protocol.WritablePropertyAck;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads the twin, patches its reported properties, or answers writable properties. The exchange completes with the
 * hub's answer; a non-2xx answer fails it with an {@link IotHubStatusException}, after the retries of 429 and 5xx
 * that the endpoint allows.
 */
class TwinProducer extends SessionProducer {

    /** The {@code ac} when the route sets none: the property was applied. */
    private static final int ACK_DONE = 200;

    TwinProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        TwinOperation operation;
        CompletableFuture<TwinChannel.Answer> answer;
        try {
            operation = exchange.getMessage().getHeader(IotHubMqttConstants.TWIN_OPERATION,
                    endpoint.getConfiguration().getOperation(), TwinOperation.class);
            answer = switch (operation) {
                case getTwin -> session(exchange).twin().get(endpoint.requestTimeout(), endpoint.retryPolicy());
                case updateReported -> patchReported(exchange);
                case acknowledgeDesired -> acknowledgeDesired(exchange);
            };
            if (answer == null) {
                callback.done(true);
                return true;
            }
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        answer.whenComplete((reply, error) -> {
            try {
                if (error != null) {
                    exchange.setException(error);
                } else {
                    complete(exchange, operation, reply);
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    private CompletableFuture<TwinChannel.Answer> patchReported(Exchange exchange) throws Exception {
        JsonBodies.Json patch = JsonBodies.toJsonTree(exchange, exchange.getMessage().getBody(), "the reported patch");
        if (patch.bytes().length == 0) {
            throw new IllegalArgumentException("the reported patch is empty: send a JSON object of the properties to report");
        }
        TwinPatch.validate(patch.tree());
        Long baseVersion = exchange.getMessage().getHeader(IotHubMqttConstants.REPORTED_BASE_VERSION, Long.class);
        return session(exchange).twin().patchReported(patch.bytes(), baseVersion, endpoint.requestTimeout(),
                endpoint.retryPolicy());
    }

    /**
     * The body's properties answered {@code {value, ac, av, ad}}; av is the desired version the route was handed.
     * Null when there is nothing to answer, such as the resync of a twin without desired properties.
     */
    private CompletableFuture<TwinChannel.Answer> acknowledgeDesired(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        Long version = message.getHeader(IotHubMqttConstants.DESIRED_VERSION, Long.class);
        if (version == null) {
            throw new IllegalArgumentException("acknowledgeDesired needs the header " + IotHubMqttConstants.DESIRED_VERSION
                    + " (the av of the answer); the twin consumer sets it on every desired patch");
        }
        JsonNode values = JsonBodies.toJsonTree(exchange, message.getBody(), "the writable properties").tree();
        String component = message.getHeader(IotHubMqttConstants.COMPONENT_NAME, String.class);
        int code = message.getHeader(IotHubMqttConstants.PROPERTY_ACK_CODE, ACK_DONE, Integer.class);
        String description = message.getHeader(IotHubMqttConstants.PROPERTY_ACK_DESCRIPTION, String.class);
        ObjectNode patch = WritablePropertyAck.acknowledge(values, component, code, version, description);
        if (patch.isEmpty()) {
            return null;
        }
        TwinPatch.validate(patch);
        return session(exchange).twin().patchReported(JsonBodies.serialize(patch, "the acknowledgement"), null,
                endpoint.requestTimeout(), endpoint.retryPolicy());
    }

    private void complete(Exchange exchange, TwinOperation operation, TwinChannel.Answer reply) throws IotHubStatusException {
        if (!reply.isSuccess()) {
            throw HubAnswers.failure(operation.name(), reply.status(), reply.body());
        }
        Message message = exchange.getMessage();
        if (operation != TwinOperation.getTwin) {
            message.setHeader(IotHubMqttConstants.REPORTED_VERSION, reply.version());
            return;
        }
        JsonNode twin = JsonBodies.readTree(reply.body(), "the twin");
        message.setHeader(IotHubMqttConstants.DESIRED_VERSION, twin.path("desired").path("$version").asLong());
        message.setHeader(IotHubMqttConstants.REPORTED_VERSION, twin.path("reported").path("$version").asLong());
        JsonBodyType type = endpoint.getConfiguration().getBodyType();
        message.setBody(type == JsonBodyType.String
                ? new String(reply.body(), StandardCharsets.UTF_8)
                : JsonBodies.fromTree(twin, type));
    }
}
