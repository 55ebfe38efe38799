package io.github.iothubmqtt.camel;

import java.util.HashMap;
import java.util.Map;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.OutboxSettings;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/** Sends the exchange as device-to-cloud telemetry; completes when the hub acknowledged it (QoS 1) or it was written. */
class TelemetryProducer extends SessionProducer {

    private final int qos;
    /** The endpoint's one identity's messages; null with a fleet. */
    private final OutgoingTelemetry.Builder only;
    /** A fleet's, by identity (not by client id, which a module's identity builds anew each time); empty without a fleet. */
    private final Map<Identity, OutgoingTelemetry.Builder> fleet;

    TelemetryProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.qos = endpoint.getConfiguration().getQos();
        EndpointIdentities identities = endpoint.identities();
        this.only = identities.only() == null ? null : builder(identities.only());
        Map<Identity, OutgoingTelemetry.Builder> builders = new HashMap<>();
        if (only == null) {
            identities.members().forEach(member -> builders.put(member.settings().identity(), builder(member)));
        }
        this.fleet = only == null ? builders : Map.of();
    }

    private OutgoingTelemetry.Builder builder(EndpointIdentities.Member member) {
        return new OutgoingTelemetry.Builder(member.settings().identity(), endpoint.getHeaderFilterStrategy(),
                member.settings().outbox().kind() != OutboxSettings.Kind.NONE, endpoint.getConfiguration().getOutputName());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            DeviceSession session = session(exchange);
            OutgoingTelemetry message = (only != null ? only : fleet.get(session.settings().identity()))
                    .build(exchange);
            session.sendTelemetry(message.topic(), message.body(), qos, error -> {
                if (error != null) {
                    exchange.setException(error);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }
}
