package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** A consumer that holds its identity's shared session from start to stop and attaches its handlers to it. */
abstract class SessionConsumer extends DefaultConsumer {

    protected final IotHubMqttEndpoint endpoint;
    protected DeviceSession session;

    SessionConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** Subscribes or registers on the session just acquired. */
    protected abstract void attach(DeviceSession session);

    /** Undoes {@link #attach} before the session is released. */
    protected abstract void detach(DeviceSession session);

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        session = endpoint.acquireSession();
        attach(session);
    }

    @Override
    protected void doStop() throws Exception {
        if (session != null) {
            detach(session);
            endpoint.releaseSession(session);
            session = null;
        }
        super.doStop();
    }
}
