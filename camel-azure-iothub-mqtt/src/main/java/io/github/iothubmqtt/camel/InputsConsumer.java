package io.github.iothubmqtt.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.InboundMessage;
import io.github.iothubmqtt.camel.session.InputDispatcher;
import io.github.iothubmqtt.protocol.ModuleInputs;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Receives the messages edgeHub routes to an IoT Edge module's inputs (all, or the one named by {@code inputName}),
 * completed (PUBACK) only when the exchange succeeded.
 */
class InputsConsumer extends CompletingConsumer {

    private final String inputName;
    /** The handler registered on each session, to unregister that one. */
    private final Map<DeviceSession, InputDispatcher.Handler> handlers = new ConcurrentHashMap<>();

    InputsConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor, "Input message");
        String name = endpoint.getConfiguration().getInputName();
        this.inputName = name == null || name.isEmpty() ? null : name;
        for (EndpointIdentities.Member member : endpoint.identities().members()) {
            if (!member.settings().identity().isModule()) {
                throw new IllegalArgumentException("iothub-mqtt:inputs needs a module identity (moduleId, or a connection"
                        + " string with ModuleId): " + member.settings().identity() + " is a device");
            }
        }
    }

    @Override
    public void attach(DeviceSession session) {
        InputDispatcher.Handler handler = (delivery, inbound) -> process(session.settings().identity(), inbound);
        handlers.put(session, handler);
        session.inputs().register(inputName, handler);
    }

    @Override
    public void detach(DeviceSession session) {
        InputDispatcher.Handler handler = handlers.remove(session);
        if (handler != null) {
            session.inputs().unregister(inputName, handler);
        }
    }

    @Override
    void fillMessage(Exchange exchange, InboundMessage inbound) {
        ModuleInputs.Delivery delivery = ModuleInputs.parseDelivery(inbound.topic());
        exchange.getMessage().setHeader(IotHubMqttConstants.INPUT_NAME, delivery.inputName());
        setProperties(exchange, delivery.properties(), SystemPropertyHeaders.MODULE_INPUT);
    }
}
