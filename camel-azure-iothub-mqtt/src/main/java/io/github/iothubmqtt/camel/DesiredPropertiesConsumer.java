package io.github.iothubmqtt.camel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.camel.session.DesiredVersionTracker;
import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.InboundMessage;
import io.github.iothubmqtt.camel.session.MessageHandler;
import io.github.iothubmqtt.camel.session.TwinChannel;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.TwinTopics;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exchange per desired-property patch, in version order. The hub keeps no notification for an offline device,
 * so on every connect the consumer reads the twin and, when the desired version is newer than the last one the route
 * saw, hands the route the whole desired document once, marked as a resync. Older or repeated versions are dropped;
 * a skipped version triggers a re-read. Each identity of a fleet has its own versions; one thread serves them all.
 */
class DesiredPropertiesConsumer extends SessionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredPropertiesConsumer.class);

    /** Each identity's stream, by client id; it outlives the identity's sessions. */
    private final Map<String, DesiredStream> streams = new HashMap<>();
    /** One thread keeps the route's exchanges in version order and off the session's I/O thread. */
    private ExecutorService inOrder;

    DesiredPropertiesConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        endpoint.identities().members().forEach(member -> streams.put(member.clientId(),
                new DesiredStream(member.settings().identity())));
    }

    @Override
    protected void doStart() throws Exception {
        inOrder = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                "IotHubMqttDesired");
        super.doStart();
    }

    @Override
    public void attach(DeviceSession session) {
        streams.get(session.settings().identity().clientId()).attach(session);
    }

    @Override
    public void detach(DeviceSession session) {
        streams.get(session.settings().identity().clientId()).detach(session);
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (inOrder != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(inOrder);
        }
    }

    /** The desired properties of one identity: the versions its route saw, and its session while it has one. */
    private final class DesiredStream {

        private final Identity identity;
        private final DesiredVersionTracker versions = new DesiredVersionTracker();
        private final MessageHandler onNotification = this::onNotification;
        private final Runnable onConnected = this::resync;
        /** None while another replica owns the identity. */
        private volatile DeviceSession attached;

        DesiredStream(Identity identity) {
            this.identity = identity;
        }

        void attach(DeviceSession session) {
            attached = session;
            session.twin().addDesiredListener(onNotification);
            session.addConnectListener(onConnected);
        }

        void detach(DeviceSession session) {
            session.removeConnectListener(onConnected);
            session.twin().removeDesiredListener(onNotification);
            attached = null;
        }

        private void onNotification(InboundMessage message) {
            inOrder.execute(() -> {
                long version;
                JsonNode patch;
                try {
                    version = TwinTopics.parseDesired(message.topic());
                    if (message.payload().length > HubLimits.MAX_TWIN_SECTION_BYTES) {
                        throw new IllegalArgumentException("the patch has " + message.payload().length
                                + " bytes, over IoT Hub's limit of " + HubLimits.MAX_TWIN_SECTION_BYTES
                                + " for desired properties");
                    }
                    patch = JsonBodies.readTree(message.payload(), "the desired patch");
                } catch (IllegalArgumentException e) {
                    // a hub bug must not stop the consumer: the twin read gives the truth
                    LOG.warn("Ignoring a malformed desired-properties notification of {} ({}); reading the twin instead",
                            identity, e.getMessage());
                    resync();
                    return;
                }
                switch (versions.onNotification(version)) {
                    case DELIVER -> emit(identity, patch, version, false);
                    case RESYNC -> resync();
                    case DROP -> LOG.debug("Desired version {} of {} already delivered; dropped", version, identity);
                }
            });
        }

        /** Reads the twin and hands the route the desired document if it is newer than what the route saw. */
        private void resync() {
            DeviceSession session = attached;
            if (session == null) {
                return; // the identity is owned elsewhere now: this replica reads again when it owns it
            }
            session.twin().get(endpoint.requestTimeout(), endpoint.retryPolicy())
                    .whenComplete((answer, error) -> inOrder.execute(() -> afterRead(answer, error)));
        }

        private void afterRead(TwinChannel.Answer answer, Throwable error) {
            if (error != null || !answer.isSuccess()) {
                // the next connect reads again; until then notifications still arrive
                LOG.info("Reading the twin of {} for desired properties failed: {}", identity, error != null
                        ? error.getMessage()
                        : HubAnswers.failure("twin GET", answer.status(), answer.body()).getMessage());
                return;
            }
            JsonNode desired;
            try {
                desired = JsonBodies.readTree(answer.body(), "the twin").path("desired");
            } catch (IllegalArgumentException e) {
                LOG.warn("The hub answered the twin read of {} with a body that is not JSON ({}); reading again at the"
                        + " next connect", identity, e.getMessage());
                return;
            }
            long version = desired.path("$version").asLong();
            if (versions.onTwinRead(version)) {
                emit(identity, desired, version, true);
            }
        }
    }

    private void emit(Identity identity, JsonNode desired, long version, boolean resync) {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, identity.clientId());
            exchange.getMessage().setHeader(IotHubMqttConstants.DESIRED_VERSION, version);
            exchange.getMessage().setHeader(IotHubMqttConstants.RESYNC, resync);
            exchange.getMessage().setBody(JsonBodies.fromTree(desired, endpoint.getConfiguration().getBodyType()));
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        if (exchange.getException() != null) {
            getExceptionHandler().handleException("Desired properties version " + version + " failed in the route", exchange,
                    exchange.getException());
        }
        releaseExchange(exchange, false);
    }
}
