package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/** Puts the session's {@link SessionStatus} in the body and its main facts in headers. */
class StatusProducer extends DefaultProducer {

    private final IotHubMqttEndpoint endpoint;
    private DeviceSession session;

    StatusProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
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
    public void process(Exchange exchange) {
        SessionStatus status = session.status();
        Message message = exchange.getMessage();
        message.setBody(status);
        message.setHeader(IotHubMqttConstants.CONNECTED, status.connected());
        message.setHeader(IotHubMqttConstants.DISCONNECT_REASON, status.lastDisconnectReason().name());
        message.setHeader(IotHubMqttConstants.RECONNECT_COUNT, status.reconnectCount());
    }
}
