package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/** Sends the exchange as device-to-cloud telemetry; completes when the hub acknowledged it (QoS 1) or it was written. */
class TelemetryProducer extends DefaultAsyncProducer {

    private final IotHubMqttEndpoint endpoint;
    private final int qos;
    private DeviceSession session;

    TelemetryProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.qos = endpoint.getConfiguration().getQos();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = endpoint.acquireSession();
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null) {
            endpoint.releaseSession(session);
            session = null;
        }
        super.doStop();
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            OutgoingTelemetry message = OutgoingTelemetry.of(exchange, endpoint.sessionSettings().identity(),
                    endpoint.getHeaderFilterStrategy());
            session.publish(message.topic(), message.body(), qos).whenComplete((ok, error) -> {
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
