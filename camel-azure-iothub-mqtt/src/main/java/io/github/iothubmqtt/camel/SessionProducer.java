package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * A producer that holds on to its identity's shared session from start to stop. With a cluster service, the session
 * exists only while this replica owns the identity; {@link #session()} applies {@code notOwnedPolicy} meanwhile.
 */
abstract class SessionProducer extends DefaultAsyncProducer {

    protected final IotHubMqttEndpoint endpoint;
    private OwnedSessions.Lease lease;

    SessionProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /**
     * The identity's session now.
     *
     * @throws IdentityNotOwnedException when another replica owns the identity (after waiting, by notOwnedPolicy)
     */
    protected DeviceSession session() throws InterruptedException {
        return lease.session(endpoint.getConfiguration().notOwnedWaitMillis());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        lease = endpoint.joinSession(null);
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
