package io.github.iothubmqtt.camel;

import java.util.Map;

import io.github.iothubmqtt.camel.session.InboundMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of messages the hub completes by PUBACK (cloud-to-device messages, module inputs): the PUBACK goes out
 * only when the exchange succeeded; a failed exchange leaves the message locked, and the hub delivers it again
 * after its lock timeout.
 */
abstract class CompletingConsumer extends SessionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CompletingConsumer.class);

    private final String what;

    /** @param what what the messages are called in the log ("Cloud-to-device message") */
    CompletingConsumer(IotHubMqttEndpoint endpoint, Processor processor, String what) {
        super(endpoint, processor);
        this.what = what;
    }

    /** Sets the body and headers; throws {@link RuntimeException} for a message that cannot be read. */
    abstract void fillMessage(Exchange exchange, InboundMessage inbound);

    /**
     * Runs the route and acknowledges on success. A message that cannot be read does not reach the route and is not
     * acknowledged: the hub delivers it again and, for C2D, dead-letters it after its maximum delivery count.
     */
    final void process(Identity receiver, InboundMessage inbound) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(inbound.payload());
            exchange.getMessage().setHeader(IotHubMqttConstants.TOPIC, inbound.topic());
            exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, receiver.clientId());
            fillMessage(exchange, inbound);
        } catch (RuntimeException e) {
            LOG.warn("{} to {} cannot be read ({}); not acknowledged", what, receiver, e.getMessage());
            releaseExchange(exchange, false);
            return;
        }
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() == null) {
                    inbound.ack().run();
                } else {
                    // Camel's error handler has logged the failure already
                    LOG.info("{} {} not acknowledged: the hub delivers it again after its lock timeout", what,
                            exchange.getMessage().getHeader(IotHubMqttConstants.MESSAGE_ID));
                }
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    /** Each property as a header: system properties under their header names, the rest through the filter. */
    void setProperties(Exchange exchange, Map<String, String> properties, Map<String, String> systemHeaders) {
        Message message = exchange.getMessage();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            String header = systemHeaders.get(property.getKey());
            if (header != null) {
                message.setHeader(header, property.getValue());
            } else if (!endpoint.getHeaderFilterStrategy().applyFilterToExternalHeaders(property.getKey(),
                    property.getValue(), exchange)) {
                message.setHeader(property.getKey(), property.getValue());
            }
        }
    }
}
