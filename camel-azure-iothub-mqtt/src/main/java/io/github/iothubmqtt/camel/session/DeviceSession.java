package io.github.iothubmqtt.camel.session;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.iothubmqtt.protocol.HubLimits;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one MQTT connection of one identity: connects, renews the SAS token before it expires, reconnects forever with
 * backoff, re-subscribes after every connect, and re-sends messages that were not acknowledged when a connection
 * ended. Each connection gets a fresh Paho client; messages and subscriptions belong to the session, not the client.
 * <p>
 * Thread-safety: state changes happen under {@code lock}; the send path only takes it to read the current client.
 */
public final class DeviceSession {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSession.class);
    private static final ThreadLocal<Boolean> ON_IO_THREAD = ThreadLocal.withInitial(() -> false);
    private static final long RENEWAL_QUIESCE_MILLIS = 2_000;
    private static final long SWEEP_PERIOD_MILLIS = 1_000;

    private final SessionSettings settings;
    private final ScheduledExecutorService scheduler;
    private final InFlightWindow window;
    private final Backoff backoff;
    private final KickDetector kickDetector;
    private final Set<PendingPublish> sent = ConcurrentHashMap.newKeySet();
    private final List<Runnable> connectListeners = new CopyOnWriteArrayList<>();
    private final TwinChannel twin;
    private final MethodDispatcher methods = new MethodDispatcher(this);

    private final Object lock = new Object();
    private final Deque<PendingPublish> waiting = new ArrayDeque<>();
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private SessionState state = SessionState.DISCONNECTED;
    private MqttAsyncClient client;
    private int epoch;
    private int failedAttempts;
    private boolean everConnected;
    private DisconnectReason lastReason = DisconnectReason.NONE;
    private String lastDetail;
    private long reconnectCount;
    private long renewalCount;
    private Instant connectedSince;
    private Instant tokenExpiresAt;
    private ScheduledFuture<?> renewalTask;
    private ScheduledFuture<?> reconnectTask;
    private ScheduledFuture<?> sweepTask;

    private record Subscription(int qos, MessageHandler handler) {
    }

    /** The client while the session is connected, read without the lock on the send path. */
    private record Connection(MqttAsyncClient client, int epoch) {
    }

    private volatile Connection connected;

    DeviceSession(SessionSettings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.window = new InFlightWindow(settings.maxInflight(), settings.failWhenInFlightFull());
        this.backoff = new Backoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax());
        this.kickDetector = new KickDetector(settings);
        this.twin = new TwinChannel(this, scheduler);
    }

    /** The twin of this identity: requests, answers and desired-property notifications. */
    public TwinChannel twin() {
        return twin;
    }

    /** The direct methods of this identity, dispatched by name. */
    public MethodDispatcher methods() {
        return methods;
    }

    public SessionSettings settings() {
        return settings;
    }

    /** Starts connecting without waiting, so many sessions connect in parallel. */
    void open() {
        synchronized (lock) {
            kickDetector.opened(this);
            sweepTask = scheduler.scheduleWithFixedDelay(this::failOverdueMessages,
                    SWEEP_PERIOD_MILLIS, SWEEP_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
            connect();
        }
    }

    void close() {
        MqttAsyncClient last;
        List<PendingPublish> unsent;
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                return;
            }
            setState(SessionState.CLOSED);
            lastReason = DisconnectReason.CLOSED;
            lastDetail = "closed by " + settings.owner();
            cancel(renewalTask);
            cancel(reconnectTask);
            cancel(sweepTask);
            last = client;
            client = null;
            unsent = new ArrayList<>(waiting);
            waiting.clear();
        }
        kickDetector.closed(this);
        unsent.addAll(sent);
        sent.clear();
        SessionClosedException closed = new SessionClosedException("session " + settings.identity() + " was closed");
        unsent.forEach(p -> p.fail(closed));
        twin.close(closed);
        if (last != null) {
            discard(last, RENEWAL_QUIESCE_MILLIS);
        }
        LOG.info("Session {} closed", settings.identity());
    }

    public SessionStatus status() {
        synchronized (lock) {
            return new SessionStatus(settings.identity().clientId(), state, lastReason, lastDetail, reconnectCount,
                    renewalCount, connectedSince, tokenExpiresAt, window.inUse());
        }
    }

    // ---- sending

    /**
     * Publishes a message. The future completes when the hub acknowledged it (QoS 1) or it was written (QoS 0), and
     * fails when it could not be delivered within the send timeout. Messages not acknowledged when a connection ends
     * are sent again on the next one (at least once).
     *
     * @throws InFlightWindowFullException when the in-flight window has no room (fail-fast, or waited too long)
     */
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        window.acquire(settings.sendTimeout(), ON_IO_THREAD.get());
        PendingPublish message = new PendingPublish(topic, payload, qos,
                System.nanoTime() + settings.sendTimeout().toNanos(), window);
        send(message);
        return message.result;
    }

    private void send(PendingPublish message) {
        Connection now = connected;
        if (now != null) {
            transmit(message, now.client(), now.epoch());
            return;
        }
        MqttAsyncClient target;
        int targetEpoch;
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                message.fail(new SessionClosedException("session " + settings.identity() + " is closed"));
                return;
            }
            if (state != SessionState.CONNECTED) {
                waiting.addLast(message);
                return;
            }
            target = client;
            targetEpoch = epoch;
        }
        transmit(message, target, targetEpoch);
    }

    private void transmit(PendingPublish message, MqttAsyncClient target, int targetEpoch) {
        message.epoch = targetEpoch;
        sent.add(message);
        try {
            target.publish(message.topic, message.payload, message.qos, false, message, publishListener);
        } catch (MqttException e) {
            if (sent.remove(message)) {
                retryOrFail(message, e);
            }
        }
    }

    private void retryOrFail(PendingPublish message, Throwable error) {
        if (PahoErrors.isConnectionProblem(error)) {
            send(message); // waits for the next connection unless a new one is already up
        } else {
            message.fail(error);
        }
    }

    private final IMqttActionListener publishListener = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            PendingPublish message = (PendingPublish) token.getUserContext();
            if (sent.remove(message)) {
                runOnIoThread(message::succeed);
            }
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            PendingPublish message = (PendingPublish) token.getUserContext();
            if (sent.remove(message)) {
                runOnIoThread(() -> retryOrFail(message, error));
            }
        }
    };

    private static void runOnIoThread(Runnable action) {
        ON_IO_THREAD.set(true);
        try {
            action.run();
        } finally {
            ON_IO_THREAD.set(false);
        }
    }

    private void failOverdueMessages() {
        long now = System.nanoTime();
        List<PendingPublish> overdue = new ArrayList<>();
        synchronized (lock) {
            waiting.removeIf(p -> now - p.deadlineNanos > 0 && overdue.add(p));
        }
        sent.removeIf(p -> now - p.deadlineNanos > 0 && overdue.add(p));
        if (!overdue.isEmpty()) {
            SessionStatus status = status();
            TimeoutException timeout = new TimeoutException("message to " + settings.identity() + " not acknowledged within "
                    + settings.sendTimeout() + " (session " + status.state() + ", last disconnect "
                    + status.lastDisconnectReason() + ")");
            overdue.forEach(p -> p.fail(timeout));
        }
    }

    // ---- receiving

    /**
     * Runs the action now if connected, and after every connect, renewals included, once the subscriptions were
     * sent again: the hub keeps no QoS 0 notification (twin desired patches, method calls) for a disconnected device,
     * so whoever depends on them re-reads state here.
     */
    public void addConnectListener(Runnable action) {
        connectListeners.add(action);
        boolean connectedNow;
        synchronized (lock) {
            connectedNow = state == SessionState.CONNECTED;
        }
        if (connectedNow) {
            action.run();
        }
    }

    public void removeConnectListener(Runnable action) {
        connectListeners.remove(action);
    }

    /**
     * Subscribes lazily: now if connected, else on the next connect; and again after every reconnect.
     *
     * @throws IllegalStateException when the filter already has a handler, or the hub's limit of five subscriptions
     *                               would be exceeded
     */
    public void subscribe(String filter, int qos, MessageHandler handler) {
        MqttAsyncClient target;
        synchronized (lock) {
            if (subscriptions.containsKey(filter)) {
                throw new IllegalStateException("session " + settings.identity() + " already has a consumer for " + filter);
            }
            if (subscriptions.size() >= HubLimits.MAX_SUBSCRIPTIONS) {
                throw new IllegalStateException("session " + settings.identity() + " already has "
                        + HubLimits.MAX_SUBSCRIPTIONS + " subscriptions, the most IoT Hub allows per device");
            }
            subscriptions.put(filter, new Subscription(qos, handler));
            target = state == SessionState.CONNECTED ? client : null;
        }
        if (target != null) {
            subscribeOn(target, filter, qos);
        }
    }

    /**
     * Stops delivering the filter's messages to its handler. The hub keeps the subscription (clean session 0), so
     * messages that arrive meanwhile stay unacknowledged and come again for the next consumer: none is lost.
     */
    public void unsubscribe(String filter) {
        synchronized (lock) {
            subscriptions.remove(filter);
        }
    }

    private void subscribeOn(MqttAsyncClient target, String filter, int qos) {
        try {
            target.subscribe(filter, qos, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int granted = token.getGrantedQos().length > 0 ? token.getGrantedQos()[0] : qos;
                    if (granted == 0x80) {
                        LOG.warn("IoT Hub refused the subscription of {} to {}", settings.identity(), filter);
                    } else {
                        LOG.debug("Session {} subscribed to {}", settings.identity(), filter);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    LOG.debug("Subscribing {} to {} failed ({}); retried on the next connect", settings.identity(), filter,
                            error.getMessage());
                }
            });
        } catch (MqttException e) {
            LOG.debug("Subscribing {} to {} failed ({}); retried on the next connect", settings.identity(), filter,
                    e.getMessage());
        }
    }

    private void dispatch(MqttAsyncClient source, String topic, MqttMessage message) {
        MessageHandler handler = null;
        synchronized (lock) {
            for (Map.Entry<String, Subscription> entry : subscriptions.entrySet()) {
                if (MqttTopic.isMatched(entry.getKey(), topic)) {
                    handler = entry.getValue().handler();
                    break;
                }
            }
        }
        if (handler == null) {
            // not acknowledged: the hub keeps it for a consumer that subscribes later
            LOG.debug("Session {} has no consumer for {}", settings.identity(), topic);
            return;
        }
        InboundMessage inbound = new InboundMessage(topic, message.getPayload(), message.getQos(),
                () -> acknowledge(source, message.getId(), message.getQos()));
        MessageHandler target = handler;
        try {
            runOnIoThread(() -> target.onMessage(inbound));
        } catch (RuntimeException e) {
            // never let it reach Paho, which would drop the connection
            LOG.warn("Handler for {} on {} failed: {}", topic, settings.identity(), e.getMessage(), e);
        }
    }

    private void acknowledge(MqttAsyncClient source, int messageId, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            source.messageArrivedComplete(messageId, qos);
        } catch (MqttException | RuntimeException e) {
            // the connection it came on is gone: the hub redelivers after its lock timeout
            LOG.debug("Could not acknowledge message {} of {}: {}", messageId, settings.identity(), e.getMessage());
        }
    }

    // ---- connection lifecycle

    /** Under lock. Keeps the lock-free view of the connection in step with the state. */
    private void setState(SessionState next) {
        state = next;
        connected = next == SessionState.CONNECTED ? new Connection(client, epoch) : null;
    }

    /** Under lock. */
    private void connect() {
        int connectEpoch = ++epoch;
        ConnectPassword password;
        MqttAsyncClient fresh;
        try {
            password = settings.passwordSource().next();
            fresh = new MqttAsyncClient(settings.serverUri(), settings.identity().clientId(), new MemoryPersistence(),
                    new ScheduledExecutorPingSender(scheduler), null);
        } catch (MqttException | RuntimeException e) {
            setState(SessionState.DISCONNECTED);
            scheduleReconnect(DisconnectReason.CONNECT_FAILED, "cannot create the MQTT client: " + e.getMessage());
            return;
        }
        fresh.setManualAcks(true);
        fresh.setCallback(new ConnectionCallback(this, fresh, connectEpoch));
        client = fresh;
        if (state != SessionState.RENEWING) {
            setState(SessionState.CONNECTING);
        }
        try {
            fresh.connect(ConnectOptions.create(settings, password), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected(connectEpoch, password);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    connectFailed(connectEpoch, error);
                }
            });
        } catch (MqttException e) {
            connectFailedUnderLock(connectEpoch, e);
        }
    }

    private void connected(int connectEpoch, ConnectPassword password) {
        List<PendingPublish> backlog;
        MqttAsyncClient current;
        Map<String, Subscription> toSubscribe;
        synchronized (lock) {
            if (connectEpoch != epoch || state == SessionState.CLOSED) {
                return;
            }
            boolean renewal = state == SessionState.RENEWING;
            setState(SessionState.CONNECTED);
            connectedSince = Instant.now();
            tokenExpiresAt = password.expiresAt();
            current = client;
            if (renewal) {
                LOG.debug("Session {} renewed its SAS token (valid until {})", settings.identity(), tokenExpiresAt);
            } else if (everConnected) {
                reconnectCount++;
                LOG.info("Session {} reconnected after {} (attempt {})", settings.identity(), lastReason, failedAttempts + 1);
            } else {
                LOG.info("Session {} connected to {}", settings.identity(), settings.serverUri());
            }
            everConnected = true;
            failedAttempts = 0;
            scheduleRenewal(password);
            toSubscribe = new LinkedHashMap<>(subscriptions);
            backlog = new ArrayList<>(waiting);
            waiting.clear();
        }
        toSubscribe.forEach((filter, subscription) -> subscribeOn(current, filter, subscription.qos()));
        for (PendingPublish message : backlog) {
            if (!message.isFinished()) {
                transmit(message, current, connectEpoch);
            }
        }
        for (Runnable listener : connectListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("A connect listener of {} failed: {}", settings.identity(), e.getMessage(), e);
            }
        }
    }

    private void connectFailed(int connectEpoch, Throwable error) {
        synchronized (lock) {
            connectFailedUnderLock(connectEpoch, error);
        }
    }

    private void connectFailedUnderLock(int connectEpoch, Throwable error) {
        if (connectEpoch != epoch || state == SessionState.CLOSED) {
            return;
        }
        MqttAsyncClient failed = client;
        client = null;
        setState(SessionState.DISCONNECTED);
        discard(failed, 0);
        scheduleReconnect(PahoErrors.connectFailureReason(error), PahoErrors.describe(error));
    }

    void connectionLost(MqttAsyncClient lost, int lostEpoch, Throwable cause) {
        synchronized (lock) {
            if (lostEpoch != epoch || state != SessionState.CONNECTED) {
                return;
            }
            client = null;
            setState(SessionState.DISCONNECTED);
            cancel(renewalTask);
            KickDetector.Verdict verdict = kickDetector.connectionLost(this, cause, connectedSince);
            requeueUnacknowledged(lostEpoch);
            discard(lost, 0);
            scheduleReconnect(verdict.reason(), verdict.detail());
        }
    }

    /** Under lock. Sent but unacknowledged messages of an ended connection go first in line for the next one. */
    private void requeueUnacknowledged(int endedEpoch) {
        List<PendingPublish> unacknowledged = new ArrayList<>();
        sent.removeIf(p -> p.epoch == endedEpoch && unacknowledged.add(p));
        for (int i = unacknowledged.size() - 1; i >= 0; i--) {
            waiting.addFirst(unacknowledged.get(i));
        }
    }

    /** Under lock. */
    private void scheduleReconnect(DisconnectReason reason, String detail) {
        lastReason = reason;
        lastDetail = detail;
        long delay = backoff.delayMillis(failedAttempts++);
        if (failedAttempts == 1) {
            LOG.warn("Session {} disconnected ({}: {}); reconnecting in {} ms", settings.identity(), reason, detail, delay);
        } else {
            LOG.debug("Session {} still disconnected ({}: {}); attempt {} in {} ms", settings.identity(), reason, detail,
                    failedAttempts, delay);
        }
        reconnectTask = scheduler.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        synchronized (lock) {
            if (state == SessionState.DISCONNECTED) {
                connect();
            }
        }
    }

    // ---- SAS renewal

    /** Under lock. Renews before expiry, less a random share of the margin so many devices do not renew at once. */
    private void scheduleRenewal(ConnectPassword password) {
        if (password.expiresAt() == null) {
            return;
        }
        long lifetimeMillis = password.expiresAt().toEpochMilli() - System.currentTimeMillis();
        if (!password.renewable()) {
            LOG.info("Session {} uses a SAS token that expires at {} and cannot be renewed without a device key",
                    settings.identity(), password.expiresAt());
            return;
        }
        long margin = Math.min(settings.renewalMargin().toMillis(), lifetimeMillis / 4);
        long jitter = ThreadLocalRandom.current().nextLong(margin / 2 + 1);
        long delay = Math.max(0, lifetimeMillis - margin - jitter);
        renewalTask = scheduler.schedule(this::renew, delay, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        MqttAsyncClient old;
        int oldEpoch;
        Instant expiring;
        synchronized (lock) {
            if (state != SessionState.CONNECTED) {
                return;
            }
            expiring = tokenExpiresAt;
            setState(SessionState.RENEWING); // new sends wait in line until the fresh connection is up
            lastReason = DisconnectReason.SAS_RENEWAL;
            lastDetail = "routine reconnect with a fresh SAS token";
            renewalCount++;
            old = client;
            oldEpoch = epoch;
        }
        LOG.info("Session {} renews its SAS token (expires at {})", settings.identity(), expiring);
        IMqttActionListener reconnect = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                reconnectAfterRenewal(old, oldEpoch);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                reconnectAfterRenewal(old, oldEpoch);
            }
        };
        try {
            // the quiesce lets in-flight messages get their PUBACK before the connection closes
            old.disconnect(RENEWAL_QUIESCE_MILLIS, null, reconnect);
        } catch (MqttException e) {
            reconnectAfterRenewal(old, oldEpoch);
        }
    }

    private void reconnectAfterRenewal(MqttAsyncClient old, int oldEpoch) {
        synchronized (lock) {
            if (oldEpoch != epoch || state != SessionState.RENEWING) {
                return;
            }
            requeueUnacknowledged(oldEpoch);
            discard(old, 0);
            connect();
        }
    }

    // ---- helpers

    private void discard(MqttAsyncClient old, long quiesceMillis) {
        if (old == null) {
            return;
        }
        // never on a Paho thread: closing waits for those threads to end
        scheduler.execute(() -> {
            try {
                if (old.isConnected()) {
                    old.disconnect(quiesceMillis).waitForCompletion(quiesceMillis + 1_000);
                }
            } catch (MqttException | RuntimeException e) {
                LOG.trace("Disconnecting a retired client of {}: {}", settings.identity(), e.getMessage());
            }
            try {
                old.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.trace("Closing a retired client of {}: {}", settings.identity(), e.getMessage());
            }
        });
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Receives Paho's callbacks of one connection; anything from an older connection is ignored. */
    private record ConnectionCallback(DeviceSession session, MqttAsyncClient source, int epoch)
            implements MqttCallback {

        @Override
        public void connectionLost(Throwable cause) {
            session.connectionLost(source, epoch, cause);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            session.dispatch(source, topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // completions arrive through the per-message listener
        }
    }

    @Override
    public String toString() {
        return "DeviceSession[" + settings.key() + "]";
    }
}
