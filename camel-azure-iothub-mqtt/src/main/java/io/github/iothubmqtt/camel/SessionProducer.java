package io.github.iothubmqtt.camel;

import java.util.HashMap;
import java.util.Map;

import io.github.iothubmqtt.camel.session.DeviceSession;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * A producer that holds on to the shared sessions of its endpoint's identities from start to stop: its one identity,
 * or each of a fleet, where the {@link IotHubMqttConstants#IDENTITY} header picks the identity of an exchange. With a
 * cluster service, a session exists only while this replica owns the identity; {@link #session} applies
 * {@code notOwnedPolicy} meanwhile.
 */
abstract class SessionProducer extends DefaultAsyncProducer {

    protected final IotHubMqttEndpoint endpoint;
    /** The endpoint's one identity; null with a fleet. */
    private OwnedSessions.Lease only;
    /** A fleet's identities by client id; empty without a fleet. */
    private Map<String, OwnedSessions.Lease> fleet = Map.of();

    SessionProducer(IotHubMqttEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    /**
     * The session of the exchange's identity now.
     *
     * @throws IdentityNotOwnedException when another replica owns the identity (after waiting, by notOwnedPolicy)
     * @throws IllegalArgumentException  when the endpoint serves a fleet and the exchange names none of its identities
     */
    protected DeviceSession session(Exchange exchange) throws InterruptedException {
        return lease(exchange).session(endpoint.getConfiguration().notOwnedWaitMillis());
    }

    private OwnedSessions.Lease lease(Exchange exchange) {
        if (only != null) {
            return only;
        }
        String clientId = exchange.getMessage().getHeader(IotHubMqttConstants.IDENTITY, String.class);
        OwnedSessions.Lease lease = clientId == null ? null : fleet.get(clientId);
        if (lease == null) {
            throw new IllegalArgumentException(clientId == null
                    ? "iothub-mqtt:" + endpoint.getKind() + " serves a fleet: set the header " + IotHubMqttConstants.IDENTITY
                            + " to the identity (deviceId or deviceId/moduleId) to act as"
                    : "iothub-mqtt:" + endpoint.getKind() + " has no identity " + clientId + " in its fleet of "
                            + fleet.size());
        }
        return lease;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        EndpointIdentities.Member one = endpoint.identities().only();
        if (one != null) {
            only = endpoint.joinSession(one, null);
            return;
        }
        Map<String, OwnedSessions.Lease> leases = new HashMap<>();
        for (EndpointIdentities.Member member : endpoint.identities().members()) {
            leases.put(member.clientId(), endpoint.joinSession(member, null));
        }
        fleet = leases;
    }

    @Override
    protected void doStop() throws Exception {
        if (only != null) {
            only.release();
            only = null;
        }
        fleet.values().forEach(OwnedSessions.Lease::release);
        fleet = Map.of();
        super.doStop();
    }
}
