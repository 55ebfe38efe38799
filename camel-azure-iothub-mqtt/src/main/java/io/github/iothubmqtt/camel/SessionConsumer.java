package io.github.iothubmqtt.camel;

import java.util.ArrayList;
import java.util.List;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.Processor;
import org.apache.camel.Suspendable;
import org.apache.camel.support.DefaultConsumer;

/**
 * A consumer that holds on to the shared sessions of its endpoint's identities (one, or each of a fleet) from start
 * to stop and attaches its handlers to each. With a cluster service it is attached to each session this replica opens
 * while it owns the identity, and idle for the identity otherwise.
 */
abstract class SessionConsumer extends DefaultConsumer implements OwnedSessions.Attachment, Suspendable {

    protected final IotHubMqttEndpoint endpoint;
    private final List<OwnedSessions.Lease> leases = new ArrayList<>();

    SessionConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    /** Subscribes or registers on a session of one of the endpoint's identities. */
    @Override
    public abstract void attach(DeviceSession session);

    /** Undoes {@link #attach} before the session is closed. */
    @Override
    public abstract void detach(DeviceSession session);

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        for (EndpointIdentities.Member member : endpoint.identities().members()) {
            leases.add(endpoint.joinSession(member, this));
        }
    }

    /**
     * Camel's graceful shutdown suspends a suspendable consumer, waits for the route's exchanges in flight, then stops
     * it. Stopping at once would stop the route's producers too (a consumer stops its processor), and the last one
     * of the identity closes the session under messages still waiting for the hub's acknowledgement.
     */
    @Override
    protected void doSuspend() throws Exception {
        leases.forEach(OwnedSessions.Lease::suspend);
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        leases.forEach(OwnedSessions.Lease::resume);
        super.doResume();
    }

    @Override
    protected void doStop() throws Exception {
        leases.forEach(OwnedSessions.Lease::release);
        leases.clear();
        super.doStop();
    }
}
