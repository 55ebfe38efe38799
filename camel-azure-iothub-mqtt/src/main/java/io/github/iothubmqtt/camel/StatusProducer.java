package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.SessionStatus;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Puts the session's {@link SessionStatus} in the body and its main facts in headers. */
class StatusProducer extends SessionProducer {

    StatusProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        SessionStatus status;
        try {
            status = session(exchange).status();
        } catch (IdentityNotOwnedException | IllegalArgumentException | InterruptedException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        Message message = exchange.getMessage();
        message.setBody(status);
        message.setHeader(IotHubMqttConstants.CONNECTED, status.connected());
        message.setHeader(IotHubMqttConstants.DISCONNECT_REASON, status.lastDisconnectReason().name());
        message.setHeader(IotHubMqttConstants.RECONNECT_COUNT, status.reconnectCount());
        callback.done(true);
        return true;
    }
}
