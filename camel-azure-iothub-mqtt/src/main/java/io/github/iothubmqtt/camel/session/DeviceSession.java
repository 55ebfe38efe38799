package io.github.iothubmqtt.camel.session;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.iothubmqtt.protocol.Identity;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one identity does with the hub, over its one connection: publishing through an {@link Outbox},
 * subscriptions, the twin and the methods. The connection itself, with its renewals and reconnects, is the
 * {@link ConnectionLifecycle}'s job.
 */
public final class DeviceSession implements DeviceChannel {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final long SWEEP_PERIOD_MILLIS = 1_000;

    private final SessionSettings settings;
    private final SessionExecutors executors;
    private final ConnectionLifecycle connection;
    private final AcknowledgedOutbox acknowledged;
    private final Outbox telemetry;
    private final Subscriptions subscriptions;
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
    private final TwinChannel twin;
    private final MethodDispatcher methods;
    private final InputDispatcher inputs;
    private ScheduledFuture<?> sweepTask;

    DeviceSession(SessionSettings settings, SessionExecutors executors, Function<DeviceChannel, TwinChannel> twins,
            Function<DeviceChannel, MethodDispatcher> methodDispatchers, OutboxFactory telemetryOutboxes) {
        this.settings = settings;
        this.executors = executors;
        this.connection = new ConnectionLifecycle(settings, executors, new Events());
        this.acknowledged = new AcknowledgedOutbox(settings, connection, executors.work());
        this.telemetry = telemetryOutboxes.create(settings, acknowledged, connection);
        this.subscriptions = new Subscriptions(settings);
        this.twin = twins.apply(this);
        this.methods = methodDispatchers.apply(this);
        this.inputs = new InputDispatcher(this);
    }

    /** Makes the outbox of a session's telemetry, over the session's acknowledged path. */
    @FunctionalInterface
    interface OutboxFactory {
        Outbox create(SessionSettings settings, AcknowledgedOutbox acknowledged, ConnectionLifecycle connection);
    }

    /** The twin of this identity: requests, answers and desired-property notifications. */
    public TwinChannel twin() {
        return twin;
    }

    /** The direct methods of this identity, dispatched by name. */
    public MethodDispatcher methods() {
        return methods;
    }

    /** The IoT Edge inputs of this module, dispatched by input name. */
    public InputDispatcher inputs() {
        return inputs;
    }

    public SessionSettings settings() {
        return settings;
    }

    @Override
    public Identity identity() {
        return settings.identity();
    }

    /** Starts connecting without waiting, so many sessions connect in parallel. */
    void open() {
        sweepTask = executors.scheduler().scheduleWithFixedDelay(this::sweep, SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        connection.open();
    }

    /**
     * Closes the connection. Messages written to it may still get their PUBACK while it quiesces, and what is left
     * then fails; messages not written and twin requests fail at once.
     */
    void close() {
        if (sweepTask != null) {
            sweepTask.cancel(false);
        }
        SessionClosedException closed = new SessionClosedException("session " + settings.identity() + " was closed");
        Link quiescing = connection.close(() -> acknowledged.close(closed));
        if (telemetry != acknowledged) {
            telemetry.close(closed);
        }
        acknowledged.closing(closed, quiescing);
        twin.close(closed);
        LOG.info("Session {} closed", settings.identity());
    }

    @Override
    public SessionCounters counters() {
        return connection.counters();
    }

    public SessionStatus status() {
        return connection.status(acknowledged.inFlight() + (telemetry == acknowledged ? 0 : telemetry.inFlight()));
    }

    /**
     * Sends device-to-cloud telemetry through the session's outbox: {@code done} is told when the hub acknowledged
     * the message (QoS 1) or it was written (QoS 0), or, with a store-and-forward outbox, once it is stored; or why
     * not. With the acknowledged outbox that is on Paho's callback thread, so {@code done} must not block.
     *
     * @throws InFlightWindowFullException when there is no room (fail-fast, or waited too long)
     */
    public void sendTelemetry(String topic, byte[] payload, int qos, SendCompletion done) {
        telemetry.publish(topic, payload, qos, done);
    }

    /**
     * Publishes a message that completes on the hub's PUBACK (QoS 1) or when written (QoS 0), and fails when that did
     * not happen within the send timeout. Messages not acknowledged when a connection ends are sent again on the
     * next one (at least once).
     *
     * @throws InFlightWindowFullException when the in-flight window has no room (fail-fast, or waited too long)
     */
    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        return acknowledged.publish(topic, payload, qos);
    }

    /**
     * Runs the action now if connected, and after every connect, renewals included, once the subscriptions were
     * sent again: the hub keeps no QoS 0 notification (twin desired patches, method calls) for a disconnected device,
     * so whoever depends on them re-reads state here.
     */
    public void addConnectListener(Runnable action) {
        connectListeners.add(action);
        if (connection.isConnected()) {
            action.run();
        }
    }

    public void removeConnectListener(Runnable action) {
        connectListeners.remove(action);
    }

    /**
     * @throws IllegalStateException when the filter already has a handler, or the hub's limit of five subscriptions
     *                               would be exceeded
     */
    @Override
    public void subscribe(String filter, int qos, MessageHandler handler) {
        subscriptions.add(filter, qos, handler, connection.current());
    }

    /** Stops handing the filter's messages to its handler; unacknowledged ones come again for the next consumer. */
    public void unsubscribe(String filter) {
        subscriptions.remove(filter);
    }

    private void sweep() {
        long now = System.nanoTime();
        try {
            acknowledged.sweep(now);
            if (telemetry != acknowledged) {
                telemetry.sweep(now);
            }
            Link link = connection.current();
            if (link != null) {
                connection.checkLiveness(acknowledged.oldestUnacknowledgedNanos(link));
            }
        } catch (RuntimeException e) {
            LOG.warn("Periodic check of session {} failed: {}", settings.identity(), e.getMessage(), e);
        }
    }

    /** What the connection tells the session; on Paho's threads. */
    private final class Events implements ConnectionLifecycle.Listener {

        @Override
        public void linkUp(Link link) {
            subscriptions.sendAll(link);
            acknowledged.linkUp(link);
            if (telemetry != acknowledged) {
                telemetry.linkUp(link);
            }
            for (Runnable listener : connectListeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.warn("A connect listener of {} failed: {}", settings.identity(), e.getMessage(), e);
                }
            }
        }

        @Override
        public void messageArrived(Link link, String topic, MqttMessage message) {
            subscriptions.dispatch(link, topic, message);
        }
    }

    @Override
    public String toString() {
        return "DeviceSession[" + settings.key() + "]";
    }
}
