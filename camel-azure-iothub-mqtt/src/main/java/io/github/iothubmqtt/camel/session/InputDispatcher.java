package io.github.iothubmqtt.camel.session;

import io.github.iothubmqtt.protocol.ModuleInputs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inputs of one IoT Edge module: one subscription to {@code devices/{d}/modules/{m}/inputs/#}, messages
 * dispatched by input name to the handler registered for it, else to the handler of every input. A message no
 * handler takes, or one that cannot be read, is not acknowledged: edgeHub keeps it and delivers it again.
 */
public final class InputDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(InputDispatcher.class);

    /** Receives the messages of one input (or all); runs on the session's I/O thread. */
    @FunctionalInterface
    public interface Handler {
        void onInput(ModuleInputs.Delivery delivery, InboundMessage message);
    }

    private final DeviceChannel session;
    private final NamedHandlers<Handler> handlers;

    InputDispatcher(DeviceChannel session) {
        this.session = session;
        this.handlers = new NamedHandlers<>("input", session,
                () -> session.subscribe(ModuleInputs.subscribeFilter(session.identity()), 1, this::onMessage));
    }

    /**
     * Registers the handler of one input, or of every input no other handler serves when {@code inputName} is
     * {@code null}.
     *
     * @throws IllegalArgumentException when the identity is a device (only modules have inputs) or the name is
     *                                  empty or contains '/'
     * @throws IllegalStateException    when that input already has a handler
     */
    public void register(String inputName, Handler handler) {
        ModuleInputs.subscribeFilter(session.identity());
        if (inputName != null && (inputName.isEmpty() || inputName.contains("/"))) {
            throw new IllegalArgumentException("input name '" + inputName + "' must be non-empty and contain no '/'");
        }
        handlers.register(inputName, handler);
    }

    public void unregister(String inputName, Handler handler) {
        handlers.unregister(inputName, handler);
    }

    private void onMessage(InboundMessage message) {
        ModuleInputs.Delivery delivery;
        try {
            delivery = ModuleInputs.parseDelivery(message.topic());
        } catch (IllegalArgumentException e) {
            LOG.warn("Input message to {} cannot be read ({}); not acknowledged", session.identity(), e.getMessage());
            return;
        }
        Handler handler = handlers.find(delivery.inputName());
        if (handler == null) {
            LOG.info("{}: no route serves input '{}'; not acknowledged, edgeHub delivers it again",
                    session.identity(), delivery.inputName());
            return;
        }
        handler.onInput(delivery, message);
    }
}
