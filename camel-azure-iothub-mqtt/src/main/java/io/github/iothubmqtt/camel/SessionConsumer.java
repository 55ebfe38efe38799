package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer that holds on to its identity's shared session from start to stop and attaches its handlers to it. With
 * a cluster service it is attached to each session this replica opens while it owns the identity, and idle otherwise.
 */
abstract class SessionConsumer extends DefaultConsumer implements OwnedSessions.Attachment, Suspendable {

    protected final IotHubMqttEndpoint endpoint;
    private OwnedSessions.Lease lease;

    SessionConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** Subscribes or registers on a session of the identity. */
    @Override
    public abstract void attach(DeviceSession session);

    /** Undoes {@link #attach} before the session is closed. */
    @Override
    public abstract void detach(DeviceSession session);

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lease = endpoint.joinSession(this);
    }

    /**
     * Camel's graceful shutdown suspends a suspendable consumer, waits for the route's exchanges in flight, then stops
     * it. Stopping at once would stop the route's producers too (a consumer stops its processor), and the last one
     * of the identity closes the session under messages still waiting for the hub's acknowledgement.
     */
    @Override
    protected void doSuspend() throws Exception {
        if (lease != null) {
            lease.suspend();
        }
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        if (lease != null) {
            lease.resume();
        }
        super.doResume();
    }

    @Override
    protected void doStop() throws Exception {
        if (lease != null) {
            lease.release();
            lease = null;
        }
        super.doStop();
    }
}
