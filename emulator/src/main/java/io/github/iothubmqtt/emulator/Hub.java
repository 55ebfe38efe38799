package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.Identity;
import io.vertx.mqtt.MqttEndpoint;

/**
 * The hub's state and its device-facing entry point: admits CONNECTs, enforces one connection per identity, opens
 * or resumes sessions, and routes what connections receive to telemetry, C2D, twins and methods. Hub thread only,
 * except {@link #registry()}, {@link #faults()} and the telemetry store, which are thread-safe.
 */
final class Hub {

    private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

    private final HubSettings settings;
    private final HubThread thread;
    private final DeviceRegistry registry;
    private final Faults faults = new Faults();
    private final Sessions sessions = new Sessions();
    private final TelemetryStore telemetry;
    private final CloudToDeviceQueues cloudToDevice;
    private final Twins twins;
    private final MethodCalls methods;
    private final ConnectAuthenticator authenticator;
    private long takeOvers;

    Hub(HubSettings settings, HubThread thread, DeviceRegistry registry) {
        this.settings = settings;
        this.thread = thread;
        this.registry = registry;
        this.telemetry = new TelemetryStore(settings.telemetryCapacity());
        this.cloudToDevice = new CloudToDeviceQueues(thread, settings, sessions);
        this.twins = new Twins(sessions, faults);
        this.methods = new MethodCalls(thread, sessions);
        this.authenticator = new ConnectAuthenticator(settings, registry, faults);
    }

    /** A new MQTT connection sent CONNECT. */
    void connect(MqttEndpoint endpoint, X509Certificate clientCertificate, String transport) {
        ConnectAuthenticator.Outcome outcome = authenticator.check(endpoint, clientCertificate, transport);
        if (outcome.refusal() != null) {
            ConnectAuthenticator.Refusal refusal = outcome.refusal();
            LOG.info("{}: CONNECT refused with CONNACK {}{}: {}", ClientText.quote(endpoint.clientIdentifier()),
                    refusal.code().byteValue(), refusal.error() == null ? "" : " (" + refusal.error() + ")",
                    refusal.reason());
            endpoint.reject(refusal.code());
            return;
        }
        ConnectAuthenticator.Admission admission = outcome.admission();
        Identity identity = admission.identity();
        sessions.connection(identity).ifPresent(previous -> {
            LOG.info("{}: {}: a new connection replaces the open one", identity,
                    HubError.CONNECTION_FORCEFULLY_CLOSED_ON_NEW_CONNECTION);
            previous.close("replaced by a new connection of the same identity");
            takeOvers++;
        });
        boolean cleanSession = endpoint.isCleanSession();
        boolean sessionPresent = !cleanSession && sessions.exists(identity);
        if (cleanSession) {
            cloudToDevice.clear(identity);
        }
        twins.announceModel(identity, admission.modelId());
        DeviceSession session = sessions.open(identity, cleanSession);
        DeviceConnection connection = new DeviceConnection(this, endpoint, session, admission);
        session.attach(connection);
        connection.start(sessionPresent);
        cloudToDevice.deliver(session);
        if (session.isSubscribed(SubscriptionKind.METHODS)) {
            methods.deviceReachable(identity);
        }
    }

    /** A connection ended; a CleanSession 1 session ends with it. */
    void connectionClosed(DeviceConnection connection, DeviceSession session) {
        session.detach(connection);
        if (connection.isCleanSession() && session.connection() == null) {
            sessions.discard(session);
        }
    }

    void telemetryReceived(TelemetryMessage message) {
        telemetry.add(message);
    }

    /** Connections closed because a second one of the same identity arrived. */
    long takeOvers() {
        return takeOvers;
    }

    HubSettings settings() {
        return settings;
    }

    HubThread thread() {
        return thread;
    }

    DeviceRegistry registry() {
        return registry;
    }

    Faults faults() {
        return faults;
    }

    Sessions sessions() {
        return sessions;
    }

    TelemetryStore telemetry() {
        return telemetry;
    }

    CloudToDeviceQueues cloudToDevice() {
        return cloudToDevice;
    }

    Twins twins() {
        return twins;
    }

    MethodCalls methods() {
        return methods;
    }
}
