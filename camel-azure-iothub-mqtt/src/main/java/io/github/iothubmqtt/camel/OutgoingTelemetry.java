package io.github.iothubmqtt.camel;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SystemProperty;
import io.github.iothubmqtt.protocol.Telemetry;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * A telemetry message built from an exchange: body bytes and the topic with its property bag. Everything the hub
 * would refuse is refused here, before the wire.
 */
record OutgoingTelemetry(String topic, byte[] body) {

    /** Builds the messages of one producer; what they all share is worked out once. */
    static final class Builder {

        private static final byte[] NO_BYTES = new byte[0];
        private static final String JSON_CONTENT_TYPE = "application/json";
        private static final String UTF_8 = "utf-8";

        private final Identity identity;
        /** The topic of every message without properties, the usual case, so it is not built per message. */
        private final String topicWithoutProperties;
        private final HeaderFilterStrategy filter;
        private final boolean stableMessageId;
        private final String outputName;

        /**
         * @param stableMessageId give the message a {@code $.mid} when it has none (the exchange id, which Camel's
         *                        redeliveries keep), so the back end can drop the duplicates a store-and-forward
         *                        outbox may send around a crash
         * @param outputName      the IoT Edge module output every message goes to ({@code $.on}), or null
         */
        Builder(Identity identity, HeaderFilterStrategy filter, boolean stableMessageId, String outputName) {
            this.identity = identity;
            this.outputName = outputName == null || outputName.isEmpty() ? null : checkOutput(identity, outputName);
            this.topicWithoutProperties = Telemetry.topic(identity, this.outputName == null
                    ? Map.of()
                    : Map.of(SystemProperty.OUTPUT_NAME, this.outputName));
            this.filter = filter;
            this.stableMessageId = stableMessageId;
        }

        /** Only a module has outputs, and an output name is one segment of edgeHub's route sources. */
        private static String checkOutput(Identity identity, String outputName) {
            if (!identity.isModule()) {
                throw new IllegalArgumentException("output name '" + outputName + "': " + identity
                        + " is a device; only IoT Edge modules have outputs");
            }
            if (outputName.isEmpty() || outputName.contains("/")) {
                throw new IllegalArgumentException("output name '" + outputName + "' must be non-empty and contain no '/'");
            }
            return outputName;
        }

        OutgoingTelemetry build(Exchange exchange) throws Exception {
            Message in = exchange.getMessage();
            Object body = in.getBody();
            byte[] text = body == null ? NO_BYTES : JsonBodies.asText(exchange, body);
            byte[] bytes = text != null ? text : JsonBodies.serialize(body, "the body");
            // asking for a header would create the map of a message that has none
            boolean headers = in.hasHeaders();
            if (!headers && !stableMessageId && text != null) {
                checkSize(bytes.length);
                return new OutgoingTelemetry(topicWithoutProperties, bytes);
            }
            Map<String, String> properties = new LinkedHashMap<>();
            if (outputName != null) {
                properties.put(SystemProperty.OUTPUT_NAME, outputName);
            }
            if (headers) {
                for (Map.Entry<String, String> system : SystemPropertyHeaders.TELEMETRY.entrySet()) {
                    String value = in.getHeader(system.getKey(), String.class);
                    if (value != null) {
                        properties.put(system.getValue(), value);
                    }
                }
            }
            String output = headers ? in.getHeader(IotHubMqttConstants.OUTPUT_NAME, String.class) : null;
            if (output != null && !output.equals(outputName)) {
                checkOutput(identity, output);
            }
            if (stableMessageId) {
                properties.putIfAbsent(SystemProperty.MESSAGE_ID, exchange.getExchangeId());
            }
            if (text == null) { // serialized to JSON here
                properties.putIfAbsent(SystemProperty.CONTENT_TYPE, JSON_CONTENT_TYPE);
                properties.putIfAbsent(SystemProperty.CONTENT_ENCODING, UTF_8);
            }
            if (headers) {
                for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
                    Object value = header.getValue();
                    if (value != null && !filter.applyFilterToCamelHeaders(header.getKey(), value, exchange)) {
                        properties.put(header.getKey(), value instanceof String string
                                ? string
                                : exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value));
                    }
                }
            }
            checkSize(Telemetry.messageSize(bytes, properties));
            return new OutgoingTelemetry(properties.isEmpty() ? topicWithoutProperties : Telemetry.topic(identity, properties),
                    bytes);
        }

        private static void checkSize(int size) {
            if (size > HubLimits.MAX_TELEMETRY_BYTES) {
                throw new IllegalArgumentException("telemetry message is " + size + " bytes (body and properties); IoT Hub"
                        + " accepts at most " + HubLimits.MAX_TELEMETRY_BYTES + " bytes per message");
            }
        }
    }
}
