package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.SasVerification;
import io.github.iothubmqtt.protocol.Username;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.mqtt.MqttEndpoint;

/**
 * The hub's CONNECT checks: MQTT 3.1.1, client id {@code d} or {@code d/m}, a user name naming this hub and the
 * same identity (parsed leniently), then a SAS token signed with one of the identity's keys or a client certificate
 * whose thumbprint is registered. Bad credentials → CONNACK 5 (as observed from IoT Hub); a disabled identity →
 * CONNACK 3 (the hub's code is unconfirmed; the C SDK maps 3 to DEVICE_DISABLED).
 */
final class ConnectAuthenticator {

    private static final int MQTT_3_1_1 = 4;

    /**
     * An accepted CONNECT: who connected, how, and when the SAS token (if any) expires.
     *
     * @param modelId the IoT Plug and Play model id of the user name, "" when it has none, null when the CONNECT
     *        carried no user name (X.509: see {@link #check})
     * @param generationId the identity's generation, which telemetry is stamped with
     */
    record Admission(Identity identity, String authType, Instant tokenExpiry, String transport, String modelId,
            String generationId) {
    }

    /** A refused CONNECT: the CONNACK code and what the hub would log. */
    record Refusal(MqttConnectReturnCode code, HubError error, String reason) {
    }

    /** Either an admission or a refusal. */
    record Outcome(Admission admission, Refusal refusal) {
        static Outcome admit(Admission admission) {
            return new Outcome(admission, null);
        }

        static Outcome refuse(MqttConnectReturnCode code, HubError error, String reason) {
            return new Outcome(null, new Refusal(code, error, reason));
        }
    }

    private final HubSettings settings;
    private final DeviceRegistry registry;
    private final Faults faults;

    ConnectAuthenticator(HubSettings settings, DeviceRegistry registry, Faults faults) {
        this.settings = settings;
        this.registry = registry;
        this.faults = faults;
    }

    Outcome check(MqttEndpoint endpoint, X509Certificate clientCertificate, String transport) {
        if (faults.refusingConnects()) {
            return refuseUnavailable("connects are refused (fault injected)");
        }
        if (endpoint.protocolVersion() != MQTT_3_1_1) {
            return Outcome.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION, null,
                    "MQTT protocol level " + endpoint.protocolVersion() + "; IoT Hub speaks MQTT 3.1.1 (level 4)");
        }
        Identity identity;
        try {
            identity = Identity.fromClientId(endpoint.clientIdentifier());
        } catch (IllegalArgumentException e) {
            return Outcome.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED, null, e.getMessage());
        }
        // Vert.x 5.0.7 hands over the user name only together with a password, so an X.509 CONNECT (no
        // password) arrives without one: then the client id alone names the identity.
        String modelId = null;
        if (endpoint.auth() != null) {
            Username username;
            try {
                username = Username.parse(endpoint.auth().getUsername());
            } catch (IllegalArgumentException e) {
                return refuseUnauthorized(e.getMessage());
            }
            String refusal = checkUsername(username, identity);
            if (refusal != null) {
                return refuseUnauthorized(refusal);
            }
            modelId = username.modelId() == null ? "" : username.modelId();
        }
        Optional<RegisteredIdentity> registered = registry.find(identity);
        if (registered.isEmpty()) {
            return refuseUnauthorized(identity + " is not registered");
        }
        Outcome credentials = endpoint.auth() != null
                ? checkToken(registered.get(), endpoint.auth().getPassword(), transport, modelId)
                : checkCertificate(registered.get(), clientCertificate, transport);
        if (credentials.admission() != null && !registered.get().enabled()) {
            return refuseUnavailable(identity + " is disabled");
        }
        return credentials;
    }

    /** Why the user name is refused, or null when it names this hub and the client id's identity. */
    private String checkUsername(Username parsed, Identity identity) {
        if (!parsed.identity().equals(identity)) {
            return "user name names " + parsed.identity() + " but the client id is " + identity;
        }
        if (!parsed.hostName().equalsIgnoreCase(settings.hubHostName())) {
            return "user name names hub " + ClientText.quote(parsed.hostName()) + ", this hub is '" + settings.hubHostName()
                    + "'";
        }
        return null;
    }

    private Outcome checkToken(RegisteredIdentity registered, String token, String transport, String modelId) {
        if (registered.keys().isEmpty()) {
            return refuseUnauthorized(registered.identity() + " is registered for X.509, not SAS");
        }
        long now = Instant.now().getEpochSecond();
        SasVerification verification = SasToken.verify(token, settings.hubHostName(), registered.identity(),
                registered.keys(), now);
        if (verification != SasVerification.VALID) {
            return refuseUnauthorized("SAS token rejected: " + verification);
        }
        Instant expiry = Instant.ofEpochSecond(SasToken.parse(token).expiry());
        return Outcome.admit(new Admission(registered.identity(), "sas", expiry, transport, modelId,
                registry.generationId(registered.identity())));
    }

    private Outcome checkCertificate(RegisteredIdentity registered, X509Certificate certificate, String transport) {
        if (certificate == null) {
            return refuseUnauthorized("no password and no client certificate");
        }
        if (!registered.acceptsCertificate(certificate)) {
            return refuseUnauthorized("the client certificate's thumbprint is not registered for "
                    + registered.identity());
        }
        return Outcome.admit(new Admission(registered.identity(), "x509", null, transport, null,
                registry.generationId(registered.identity())));
    }

    private static Outcome refuseUnauthorized(String reason) {
        return Outcome.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED, HubError.IOTHUB_UNAUTHORIZED,
                reason);
    }

    private static Outcome refuseUnavailable(String reason) {
        return Outcome.refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE, null, reason);
    }
}
