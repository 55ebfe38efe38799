package io.github.iothubmqtt.camel.session;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of one identity over its lifetime: connects without waiting, renews the SAS token before it expires,
 * reconnects forever with backoff ({@link ReconnectDelays}), and drops a connection that stopped answering ({@link LivenessRule}). What flows
 * over a connection is not its business: it tells its {@link Listener} when a connection is up and what arrived.
 * <p>
 * Thread-safety: state changes happen under {@code lock}; {@link #current()} is read without it.
 */
final class ConnectionLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);
    /** How long a connection being replaced (renewal) or closed lets the messages on it get their PUBACK. */
    private static final long QUIESCE_MILLIS = 2_000;

    /** Hears of the connections; runs on Paho's threads, which must not block. */
    interface Listener {
        /** A connection is up: the first, a reconnect or a renewal. */
        void linkUp(Link link);

        /** The hub published a message on this connection. */
        void messageArrived(Link link, String topic, MqttMessage message);
    }

    private final SessionSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Executor blockingWork;
    private final ClientLoops clientLoops;
    private final ConnectPacer pacer;
    private final RenewalPlanner renewals;
    private final Listener listener;
    private final ReconnectDelays delays;
    private final KickDetector kickDetector;
    private final LivenessRule liveness;
    private final ConnectionHistory history = new ConnectionHistory();

    private final Object lock = new Object();
    private SessionState state = SessionState.DISCONNECTED;
    private Link link;
    private int epoch;
    private ScheduledFuture<?> renewalTask;
    private ScheduledFuture<?> reconnectTask;
    /** The pacer's permit of the connect in progress, released when it succeeds or fails. */
    private ConnectPacer.Permit connectPermit;
    /** A connect is queued at the pacer, or running. */
    private boolean connectRequested;

    /** The connection while it is up; read without the lock on the send path. */
    private volatile Link connected;

    ConnectionLifecycle(SessionSettings settings, SessionExecutors executors, Listener listener) {
        this.settings = settings;
        this.scheduler = executors.scheduler();
        this.blockingWork = executors.work();
        this.clientLoops = executors.clientLoops();
        this.pacer = executors.connects();
        this.renewals = executors.renewals();
        this.listener = listener;
        this.delays = new ReconnectDelays(settings);
        this.kickDetector = new KickDetector(settings);
        this.liveness = new LivenessRule(settings.ackTimeout());
    }

    SessionSettings settings() {
        return settings;
    }

    /** The connection that is up, or {@code null} while connecting, renewing or disconnected. */
    Link current() {
        return connected;
    }

    void open() {
        synchronized (lock) {
            kickDetector.opened(this);
            setState(SessionState.CONNECTING);
            requestConnect();
        }
    }

    /** Under lock. Queues a connect at the pacer; {@code connect} runs when its turn comes. */
    private void requestConnect() {
        if (connectRequested) {
            return;
        }
        connectRequested = true;
        pacer.submit(this::paced);
    }

    private void paced(ConnectPacer.Permit permit) {
        synchronized (lock) {
            connectRequested = false;
            boolean wanted = state == SessionState.CONNECTING || state == SessionState.DISCONNECTED
                    || state == SessionState.RENEWING;
            if (!wanted) {
                permit.release();
                return;
            }
            connectPermit = permit;
            if (settings.provisioner() != null && !settings.provisioner().isAssigned()) {
                blockingWork.execute(this::provision); // polls DPS for seconds: neither under the lock nor on the pacer
            } else {
                connect();
            }
        }
    }

    private void provision() {
        ProvisioningException failure = settings.provisioner().registerOrFailure();
        synchronized (lock) {
            if (state != SessionState.CLOSED && failure == null) {
                connect();
            } else if (state != SessionState.CLOSED) { // else close() released the permit
                releasePermit();
                setState(SessionState.DISCONNECTED);
                scheduleReconnect(PahoErrors.isProxyRefusal(failure)
                        ? DisconnectReason.PROXY_NOT_AUTHORIZED
                        : DisconnectReason.CONNECT_FAILED, failure.getMessage());
            }
        }
    }

    /** Under lock. The connect in progress ended, either way: the next identity may start its own. */
    private void releasePermit() {
        if (connectPermit != null) {
            connectPermit.release();
            connectPermit = null;
        }
    }

    /**
     * Ends the session's connection. Returns it when it was up: it then quiesces, and {@code afterQuiesce} runs once it
     * has ended. Returns null when there was none.
     */
    Link close(Runnable afterQuiesce) {
        Link last;
        boolean up;
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                return null;
            }
            up = connected != null;
            setState(SessionState.CLOSED);
            history.closed(settings.owner());
            cancel(renewalTask);
            cancel(reconnectTask);
            last = link;
            link = null;
            releasePermit();
        }
        kickDetector.closed(this);
        if (last != null && up) {
            last.retire(blockingWork, QUIESCE_MILLIS, afterQuiesce);
            return last;
        }
        if (last != null) {
            last.abort(blockingWork); // a connect under way: nothing to quiesce, and it must not come up later
        }
        return null;
    }

    SessionStatus status(int inFlight) {
        synchronized (lock) {
            return history.status(settings.identity().clientId(), state, inFlight);
        }
    }

    SessionCounters counters() {
        return history.counters();
    }

    boolean isConnected() {
        return connected != null;
    }

    /**
     * A send on this connection failed because the connection is gone, maybe before Paho noticed: end it now, so
     * messages wait for the next connection instead of being retried on a dead one.
     */
    void linkFailed(Link failed, Throwable error) {
        lost(failed, error, true);
    }

    /** Applies the {@link LivenessRule} to the current connection; called about once a second. */
    void checkLiveness(Long oldestUnacknowledgedNanos) {
        Link now = connected;
        if (now == null) {
            return;
        }
        switch (liveness.judge(System.nanoTime(), now.lastInboundNanos(), oldestUnacknowledgedNanos, now.probeSentNanos())) {
            case PROBE -> {
                LOG.debug("Session {}: no PUBACK and nothing else from the hub for {}; probing with PINGREQ",
                        settings.identity(), DurationText.of(settings.ackTimeout()));
                now.probe();
            }
            case DEAD -> lost(now, new MqttException(MqttException.REASON_CODE_CLIENT_TIMEOUT), true);
            case ALIVE -> {
                // nothing to do
            }
        }
    }

    /** Under lock. Keeps the lock-free view of the connection in step with the state. */
    private void setState(SessionState next) {
        state = next;
        connected = next == SessionState.CONNECTED ? link : null;
    }

    /** Under lock. */
    private void connect() {
        int connectEpoch = ++epoch;
        ConnectPassword password;
        Link fresh;
        try {
            SessionSettings target = settings.connectTarget();
            password = target.passwordSource().next();
            fresh = Link.open(connectEpoch, target, scheduler, clientLoops);
            fresh.client.setCallback(new ConnectionCallback(fresh, cause -> lost(fresh, cause, false), listener));
            link = fresh;
            if (state != SessionState.RENEWING) {
                setState(SessionState.CONNECTING);
            }
            fresh.client.connect(ConnectOptions.create(target, password, fresh.socket()), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connected(fresh, password);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    connectFailed(fresh, error);
                }
            });
        } catch (MqttException | RuntimeException e) {
            Link failed = link;
            link = null;
            setState(SessionState.DISCONNECTED);
            if (failed != null && failed.epoch == connectEpoch) {
                failed.abort(blockingWork);
            }
            releasePermit();
            scheduleReconnect(DisconnectReason.CONNECT_FAILED, "cannot start connecting: " + e.getMessage());
        }
    }

    private void connected(Link up, ConnectPassword password) {
        synchronized (lock) {
            if (state == SessionState.CLOSED) {
                // the session closed while this connect was under way: nobody would ever end the connection, and
                // the hub would keep it until the next owner of the identity takes it over
                up.abort(blockingWork);
                return;
            }
            if (up != link || state == SessionState.CLOSED) {
                return;
            }
            boolean renewal = state == SessionState.RENEWING;
            releasePermit();
            up.heard();
            setState(SessionState.CONNECTED);
            boolean reconnect = history.connected(password.expiresAt(), renewal);
            if (renewal) {
                LOG.debug("Session {} renewed its SAS token (valid until {})", settings.identity(), password.expiresAt());
            } else if (reconnect) {
                LOG.info("Session {} reconnected after {} (attempt {})", settings.identity(), history.lastReason(),
                        delays.failedAttempts() + 1);
            } else {
                LOG.info("Session {} connected to {}{}", settings.identity(), settings.serverUri(),
                        settings.proxy() == null ? "" : " through the " + settings.proxy());
            }
            delays.connected();
            scheduleRenewal(password);
        }
        listener.linkUp(up);
    }

    private void connectFailed(Link failed, Throwable error) {
        synchronized (lock) {
            if (failed != link || state == SessionState.CLOSED) {
                return;
            }
            link = null;
            setState(SessionState.DISCONNECTED);
            failed.abort(blockingWork);
            releasePermit();
            DisconnectReason reason = PahoErrors.connectFailureReason(error);
            if (PahoErrors.failedTls(error) && settings.socketFactory() instanceof NegotiatedTlsVersions versions) {
                versions.forget(); // the hub may have changed its TLS versions
            }
            if (reason == DisconnectReason.NOT_AUTHORIZED && settings.provisioner() != null) {
                settings.provisioner().hubRefused(); // DPS may have moved the device, or the hub deleted it
            }
            scheduleReconnect(reason, PahoErrors.describe(error));
        }
    }

    private void lost(Link ended, Throwable cause, boolean abort) {
        synchronized (lock) {
            if (ended != link || state != SessionState.CONNECTED) {
                return;
            }
            link = null;
            setState(SessionState.DISCONNECTED);
            cancel(renewalTask);
            KickDetector.Verdict verdict = kickDetector.connectionLost(this, cause, history.connectedSince());
            if (abort) {
                ended.abort(blockingWork);
            } else {
                ended.retire(blockingWork, 0);
            }
            scheduleReconnect(verdict.reason(), verdict.detail());
        }
    }

    /** Under lock. */
    private void scheduleReconnect(DisconnectReason reason, String detail) {
        history.disconnected(reason, detail);
        reconnectTask = scheduler.schedule(this::reconnect, delays.next(reason, detail), TimeUnit.MILLISECONDS);
    }

    private void reconnect() {
        synchronized (lock) {
            if (state == SessionState.DISCONNECTED) {
                requestConnect();
            }
        }
    }

    /** Under lock. The component's planner spreads the renewals of all identities, so they do not renew at once. */
    private void scheduleRenewal(ConnectPassword password) {
        if (password.expiresAt() == null) {
            return;
        }
        if (!password.renewable()) {
            LOG.info("Session {} uses a SAS token that expires at {} and cannot be renewed without a device key",
                    settings.identity(), password.expiresAt());
            return;
        }
        long now = System.currentTimeMillis();
        long renewAt = renewals.plan(now, password.expiresAt().toEpochMilli(), settings.renewalMargin().toMillis());
        renewalTask = scheduler.schedule(this::renewWhenPaced, Math.max(0, renewAt - now), TimeUnit.MILLISECONDS);
    }

    /** A renewal is a connect like any other: it waits for the pacer before the old connection goes. */
    private void renewWhenPaced() {
        pacer.submit(this::renew);
    }

    private void renew(ConnectPacer.Permit permit) {
        Link old;
        Instant expiring;
        synchronized (lock) {
            if (state != SessionState.CONNECTED) {
                permit.release();
                return;
            }
            connectPermit = permit;
            expiring = history.tokenExpiresAt();
            setState(SessionState.RENEWING); // new sends wait until the fresh connection is up
            history.renewing();
            old = link;
        }
        LOG.info("Session {} renews its SAS token (expires at {})", settings.identity(), expiring);
        IMqttActionListener reconnect = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                reconnectAfterRenewal(old);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                reconnectAfterRenewal(old);
            }
        };
        try {
            // the quiesce lets in-flight messages get their PUBACK before the connection closes
            old.client.disconnect(QUIESCE_MILLIS, null, reconnect);
        } catch (MqttException e) {
            reconnectAfterRenewal(old);
        }
    }

    private void reconnectAfterRenewal(Link old) {
        synchronized (lock) {
            if (old != link || state != SessionState.RENEWING) {
                return;
            }
            old.retire(blockingWork, 0);
            connect();
        }
    }

    private static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "ConnectionLifecycle[" + settings.key() + "]";
    }
}
