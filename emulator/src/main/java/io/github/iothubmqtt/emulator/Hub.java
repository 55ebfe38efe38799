package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;
import io.github.iothubmqtt.protocol.TwinTopics;
import io.vertx.mqtt.MqttEndpoint;

/**
 * The hub's state and its device-facing entry point: admits CONNECTs, enforces one connection per identity, opens
 * or resumes sessions, and routes what connections publish to telemetry (or, in edge mode, the edge routes), twins
 * and methods. Hub thread only, except {@link #registry()}, {@link #faults()} and the telemetry store, which are
 * thread-safe.
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
    /** The edgeHub of edge mode; null when the emulator plays IoT Hub alone. */
    private final EdgeHub edge;
    private final ConnectAuthenticator authenticator;
    private long takeOvers;

    Hub(HubSettings settings, HubThread thread, DeviceRegistry registry, EdgeRoutes edgeRoutes) {
        this.settings = settings;
        this.thread = thread;
        this.registry = registry;
        this.telemetry = new TelemetryStore(settings.telemetryCapacity());
        this.cloudToDevice = new CloudToDeviceQueues(thread, settings, sessions);
        this.twins = new Twins(sessions, faults);
        this.methods = new MethodCalls(thread, sessions);
        this.edge = edgeRoutes == null
                ? null
                : new EdgeHub(edgeRoutes, telemetry, new DeliveryQueues("input message",
                        SubscriptionKind.MODULE_INPUTS, thread, sessions, settings.c2dLockTimeout(), 0));
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
            cloudToDevice.queues().clear(identity);
            if (edge != null) {
                edge.inputs().clear(identity);
            }
        }
        twins.announceModel(identity, admission.modelId());
        DeviceSession session = sessions.open(identity, cleanSession);
        DeviceConnection connection = new DeviceConnection(this, endpoint, session, admission);
        session.attach(connection);
        connection.start(sessionPresent);
        subscribed(session);
    }

    /**
     * The session's connection may now receive what waited for it: after a CONNECT that resumed subscriptions, and
     * after each SUBSCRIBE.
     */
    void subscribed(DeviceSession session) {
        cloudToDevice.queues().deliver(session);
        if (edge != null) {
            edge.inputs().deliver(session);
        }
        if (session.isSubscribed(SubscriptionKind.METHODS)) {
            methods.deviceReachable(session.identity());
        }
    }

    /**
     * Checks a device PUBLISH and returns what the hub does with it; throws {@link IllegalArgumentException} when
     * the hub would close the connection instead.
     */
    Runnable accept(DeviceLink link, ConnectAuthenticator.Admission admission, String topic, byte[] body,
            boolean retain) {
        if (topic.startsWith("devices/")) {
            TelemetryMessage message = TelemetryReception.receive(admission, topic, body, retain, false);
            return () -> telemetryReceived(message);
        }
        if (topic.startsWith("$iothub/twin/")) {
            TwinTopics.Request request = TwinTopics.parseRequest(topic);
            return () -> twins.handle(link, request, body);
        }
        if (topic.startsWith("$iothub/methods/res/")) {
            MethodTopics.Response response = MethodTopics.parseResponse(topic);
            return () -> methods.answer(link.identity(), response, body);
        }
        throw new IllegalArgumentException(ClientText.quote(topic) + " is not a topic IoT Hub documents");
    }

    /** A PUBACK from the device completes the C2D or input message it acknowledges. */
    void acknowledged(DeviceLink link, int packetId) {
        if (!cloudToDevice.queues().acknowledged(link, packetId) && edge != null) {
            edge.inputs().acknowledged(link, packetId);
        }
    }

    /** A connection ended; a CleanSession 1 session ends with it. */
    void connectionClosed(DeviceConnection connection, DeviceSession session) {
        session.detach(connection);
        if (connection.isCleanSession() && session.connection() == null) {
            sessions.discard(session);
        }
    }

    /** A device-to-cloud message (or a Will): stored, or in edge mode routed. */
    void telemetryReceived(TelemetryMessage message) {
        if (edge == null) {
            telemetry.add(message);
        } else {
            edge.route(message);
        }
    }

    /** Input messages queued for a module and not yet completed; 0 outside edge mode. */
    int pendingInputs(Identity identity) {
        return edge == null ? 0 : edge.inputs().pending(identity);
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
