package io.github.iothubmqtt.camel;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.iothubmqtt.camel.session.SessionSettings;

/**
 * The identities an endpoint serves, by client id ({@code deviceId} or {@code deviceId/moduleId}), in the order they
 * were given: its one identity, or each of a gateway's {@code fleet}. Each comes with the options it connects with,
 * which differ only in the connection string.
 */
final class EndpointIdentities {

    /** One identity of the endpoint: its session settings, and the options they were made from. */
    record Member(SessionSettings settings, IotHubMqttConfiguration options) {
        String clientId() {
            return settings.identity().clientId();
        }
    }

    /** What a fleet replaces: each connection string names its identity and credentials. */
    private static final String FLEET_REPLACES = "connectionString, deviceId, moduleId, sharedAccessKey, sasToken and idScope";

    private final Map<String, Member> byClientId;
    private final boolean fleet;

    private EndpointIdentities(Map<String, Member> byClientId, boolean fleet) {
        this.byClientId = byClientId;
        this.fleet = fleet;
    }

    static EndpointIdentities single(IotHubMqttConfiguration options,
            Function<IotHubMqttConfiguration, SessionSettings> settings) {
        Member member = new Member(settings.apply(options), options);
        return new EndpointIdentities(Map.of(member.clientId(), member), false);
    }

    /**
     * Each connection string of the fleet as an identity of its own, with the endpoint's other options.
     *
     * @throws IllegalArgumentException for an empty fleet, a repeated identity, or options that name an identity
     */
    static EndpointIdentities fleet(Collection<String> connectionStrings, IotHubMqttConfiguration options,
            Function<IotHubMqttConfiguration, SessionSettings> settings) {
        if (options.getConnectionString() != null || options.getDeviceId() != null || options.getModuleId() != null
                || options.getSharedAccessKey() != null || options.getSasToken() != null || options.getIdScope() != null) {
            throw new IllegalArgumentException("fleet names every identity and its credentials: do not set "
                    + FLEET_REPLACES + " with it");
        }
        if (connectionStrings.isEmpty()) {
            throw new IllegalArgumentException("fleet is empty: give it one connection string per identity");
        }
        Map<String, Member> byClientId = new LinkedHashMap<>();
        int position = 0;
        for (String connectionString : connectionStrings) {
            if (connectionString == null || connectionString.isBlank()) {
                throw new IllegalArgumentException("fleet entry " + position + " is empty");
            }
            IotHubMqttConfiguration own = options.copy();
            own.setConnectionString(connectionString);
            Member member;
            try {
                member = new Member(settings.apply(own), own);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fleet entry " + position + ": " + e.getMessage(), e);
            }
            if (byClientId.putIfAbsent(member.clientId(), member) != null) {
                throw new IllegalArgumentException("fleet entry " + position + " names " + member.clientId()
                        + " again: IoT Hub allows one connection per identity");
            }
            position++;
        }
        return new EndpointIdentities(byClientId, true);
    }

    Collection<Member> members() {
        return byClientId.values();
    }

    /** The endpoint's one identity, or null when it serves a fleet (even of one: its exchanges name the identity). */
    Member only() {
        return fleet ? null : byClientId.values().iterator().next();
    }
}
