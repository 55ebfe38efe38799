package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.support.DefaultAsyncProducer;

/** A producer that holds its identity's shared session from start to stop. */
abstract class SessionProducer extends DefaultAsyncProducer {

    protected final IotHubMqttEndpoint endpoint;
    protected DeviceSession session;

    SessionProducer(IotHubMqttEndpoint endpoint) {
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
}
