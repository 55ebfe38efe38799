package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.OutboxSettings;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;

/** Sends the exchange as device-to-cloud telemetry; completes when the hub acknowledged it (QoS 1) or it was written. */
class TelemetryProducer extends SessionProducer {

    private final int qos;
    private final OutgoingTelemetry.Builder messages;

    TelemetryProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.qos = endpoint.getConfiguration().getQos();
        this.messages = new OutgoingTelemetry.Builder(endpoint.sessionSettings().identity(), endpoint.getHeaderFilterStrategy(),
                endpoint.sessionSettings().outbox().kind() != OutboxSettings.Kind.NONE,
                endpoint.getConfiguration().getOutputName());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            OutgoingTelemetry message = messages.build(exchange);
            session().sendTelemetry(message.topic(), message.body(), qos, error -> {
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
