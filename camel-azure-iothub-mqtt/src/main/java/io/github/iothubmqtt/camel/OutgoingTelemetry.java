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

    private static final String JSON_CONTENT_TYPE = "application/json";
    private static final String UTF_8 = "utf-8";

    /**
     * @param stableMessageId give the message a {@code $.mid} when it has none (the exchange id, which Camel's
     *                        redeliveries keep), so the back end can drop the duplicates a store-and-forward outbox
     *                        may send around a crash
     */
    static OutgoingTelemetry of(Exchange exchange, Identity identity, HeaderFilterStrategy filter, boolean stableMessageId)
            throws Exception {
        Message in = exchange.getMessage();
        Map<String, String> properties = new LinkedHashMap<>();
        Object body = in.getBody();
        byte[] text = body == null ? new byte[0] : JsonBodies.asText(exchange, body);
        byte[] bytes = text != null ? text : JsonBodies.serialize(body, "the body");
        if (in.hasHeaders()) { // asking for a header would create the map of a message that has none
            SystemPropertyHeaders.TELEMETRY.forEach((header, property) -> {
                String value = in.getHeader(header, String.class);
                if (value != null) {
                    properties.put(property, value);
                }
            });
        }
        if (stableMessageId) {
            properties.putIfAbsent(SystemProperty.MESSAGE_ID, exchange.getExchangeId());
        }
        if (text == null) { // serialized to JSON here
            properties.putIfAbsent(SystemProperty.CONTENT_TYPE, JSON_CONTENT_TYPE);
            properties.putIfAbsent(SystemProperty.CONTENT_ENCODING, UTF_8);
        }
        if (in.hasHeaders()) {
            for (Map.Entry<String, Object> header : in.getHeaders().entrySet()) {
                Object value = header.getValue();
                if (value != null && !filter.applyFilterToCamelHeaders(header.getKey(), value, exchange)) {
                    properties.put(header.getKey(), exchange.getContext().getTypeConverter().convertTo(String.class, exchange, value));
                }
            }
        }
        int size = Telemetry.messageSize(bytes, properties);
        if (size > HubLimits.MAX_TELEMETRY_BYTES) {
            throw new IllegalArgumentException("telemetry message is " + size + " bytes (body and properties); IoT Hub"
                    + " accepts at most " + HubLimits.MAX_TELEMETRY_BYTES + " bytes per message");
        }
        return new OutgoingTelemetry(Telemetry.topic(identity, properties), bytes);
    }
}
