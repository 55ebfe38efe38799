package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.InboundMessage;
import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.HubLimits;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives cloud-to-device messages, completed (PUBACK) only when the exchange succeeded. */
class CloudToDeviceConsumer extends CompletingConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CloudToDeviceConsumer.class);

    CloudToDeviceConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "Cloud-to-device message");
    }

    @Override
    public void attach(DeviceSession session) {
        session.subscribe(CloudToDevice.subscribeFilter(session.settings().identity()), 1,
                inbound -> onMessage(session, inbound));
    }

    @Override
    public void detach(DeviceSession session) {
        session.unsubscribe(CloudToDevice.subscribeFilter(session.settings().identity()));
    }

    /** A message over the hub's size limit, which the hub should never send, is not acknowledged. One WARN per delivery. */
    private void onMessage(DeviceSession session, InboundMessage inbound) {
        if (inbound.payload().length > HubLimits.MAX_C2D_BYTES) {
            LOG.warn("Cloud-to-device message to {} on {} has {} bytes, over IoT Hub's limit of {}; not acknowledged",
                    session.settings().identity(), inbound.topic(), inbound.payload().length,
                    HubLimits.MAX_C2D_BYTES);
            return;
        }
        session.counters().cloudToDeviceReceived();
        process(session.settings().identity(), inbound);
    }

    @Override
    void fillMessage(Exchange exchange, InboundMessage inbound) {
        setProperties(exchange, CloudToDevice.parseDelivery(inbound.topic()).properties(),
                SystemPropertyHeaders.CLOUD_TO_DEVICE);
    }
}
