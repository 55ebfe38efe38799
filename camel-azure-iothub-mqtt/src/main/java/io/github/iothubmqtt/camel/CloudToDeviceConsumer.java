package io.github.iothubmqtt.camel;

import java.util.Map;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.InboundMessage;
import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives cloud-to-device messages. The PUBACK (IoT Hub's "complete") goes out only when the exchange succeeded; a
 * failed exchange leaves the message locked, and the hub delivers it again after its lock timeout.
 */
class CloudToDeviceConsumer extends SessionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CloudToDeviceConsumer.class);

    private final Identity identity;
    private final String filter;

    CloudToDeviceConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.identity = endpoint.sessionSettings().identity();
        this.filter = CloudToDevice.subscribeFilter(identity);
    }

    @Override
    public void attach(DeviceSession session) {
        session.subscribe(filter, 1, inbound -> onMessage(session, inbound));
    }

    @Override
    public void detach(DeviceSession session) {
        session.unsubscribe(filter);
    }

    /**
     * A message the hub should never send (over its size limit, or a property bag that cannot be read) does not reach
     * the route and is not acknowledged: the hub keeps it, delivers it again after its lock timeout and dead-letters it
     * after its maximum delivery count. One WARN per delivery.
     */
    private void onMessage(DeviceSession session, InboundMessage inbound) {
        if (inbound.payload().length > HubLimits.MAX_C2D_BYTES) {
            LOG.warn("Cloud-to-device message to {} on {} has {} bytes, over IoT Hub's limit of {}; not acknowledged",
                    identity, inbound.topic(), inbound.payload().length, HubLimits.MAX_C2D_BYTES);
            return;
        }
        Exchange exchange = createExchange(false);
        try {
            fillMessage(exchange, inbound);
        } catch (RuntimeException e) {
            LOG.warn("Cloud-to-device message to {} cannot be read ({}); not acknowledged", identity, e.getMessage());
            releaseExchange(exchange, false);
            return;
        }
        session.counters().cloudToDeviceReceived();
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                if (exchange.getException() == null) {
                    inbound.ack().run();
                } else {
                    // Camel's error handler has logged the failure already
                    LOG.info("Cloud-to-device message {} not acknowledged: IoT Hub delivers it again after its lock"
                             + " timeout", exchange.getMessage().getHeader(IotHubMqttConstants.MESSAGE_ID));
                }
            } finally {
                releaseExchange(exchange, false);
            }
        });
    }

    private void fillMessage(Exchange exchange, InboundMessage inbound) {
        Message message = exchange.getMessage();
        message.setBody(inbound.payload());
        message.setHeader(IotHubMqttConstants.TOPIC, inbound.topic());
        for (Map.Entry<String, String> property : CloudToDevice.parseDelivery(inbound.topic()).properties().entrySet()) {
            String header = SystemPropertyHeaders.CLOUD_TO_DEVICE.get(property.getKey());
            if (header != null) {
                message.setHeader(header, property.getValue());
            } else if (!endpoint.getHeaderFilterStrategy().applyFilterToExternalHeaders(property.getKey(),
                    property.getValue(), exchange)) {
                message.setHeader(property.getKey(), property.getValue());
            }
        }
    }
}
