package io.github.iothubmqtt.camel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Completes a send when the hub acknowledged it (QoS 1) or it was written (QoS 0), and fails it when that did not
 * happen within {@code sendTimeout}. Messages wait in order while there is no connection; those a connection took
 * but never acknowledged are sent again on the next one (at least once).
 * <p>
 * A message is written at most once per connection: a send that fails because the connection is gone ends that
 * connection and waits for the next, instead of being retried on the dead one. Failures complete on the work
 * executor, never on Paho's or the scheduler's threads, so a route's error handling cannot stall a connection.
 */
final class AcknowledgedOutbox implements Outbox {

    private final SessionSettings settings;
    private final ConnectionLifecycle connection;
    private final Executor work;
    private final InFlightWindow window;
    private final long sendTimeoutNanos;
    /**
     * In send order. A message is finished (acknowledged, failed, expired) where it stands and leaves the list later:
     * from its head when the next PUBACK comes, as acknowledgements come in send order, or in the sweep.
     */
    private final PendingList pending = new PendingList();
    private volatile Throwable closedBy;

    AcknowledgedOutbox(SessionSettings settings, ConnectionLifecycle connection, Executor work) {
        this.settings = settings;
        this.connection = connection;
        this.work = work;
        this.window = new InFlightWindow(settings.maxInflight(), settings.failWhenInFlightFull());
        this.sendTimeoutNanos = settings.sendTimeout().toNanos();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        publish(topic, payload, qos, SendCompletion.of(result));
        return result;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, SendCompletion done) {
        if (!window.tryAcquire()) { // which thread this is matters only when there is no room
            window.acquire(settings.sendTimeout(), IoThread.isCurrent());
        }
        enqueue(topic, payload, qos, done);
    }

    /** Like {@link #publish}, but never waits: {@code null} when the window has no room. */
    CompletableFuture<Void> offer(String topic, byte[] payload, int qos) {
        if (!window.tryAcquire()) {
            return null;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        enqueue(topic, payload, qos, SendCompletion.of(result));
        return result;
    }

    /** Window room was taken. */
    private void enqueue(String topic, byte[] payload, int qos, SendCompletion done) {
        long now = System.nanoTime();
        PendingPublish message = new PendingPublish(topic, payload, qos, now + sendTimeoutNanos, window, done);
        pending.add(message);
        Throwable closed = closedBy;
        if (closed != null) {
            fail(message, closed);
        } else {
            transmit(message, now);
        }
    }

    /** Writes the message to the current connection unless it is there already or finished; a loop, never a recursion. */
    private void transmit(PendingPublish message, long nowNanos) {
        for (Link link = connection.current(); link != null && !message.finished()
                && message.claim(link); link = connection.current()) {
            message.sentNanos = nowNanos;
            try {
                link.publish(message, listener);
                return;
            } catch (IllegalArgumentException e) {
                fail(message, e);
                return;
            } catch (MqttException e) {
                if (!PahoErrors.isConnectionProblem(e)) {
                    fail(message, e);
                    return;
                }
                connection.linkFailed(link, e);
            }
        }
    }

    private final IMqttActionListener listener = new IMqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            PendingPublish message = (PendingPublish) token.getUserContext();
            if (message.qos > 0) {
                Link link = message.sentOn();
                if (link != null) {
                    link.heard();
                }
            }
            if (message.finish()) {
                if (message.qos > 0) {
                    connection.counters().acknowledged(message.sentNanos);
                }
                message.succeed();
            }
            pending.trim(false);
        }

        @Override
        public void onFailure(IMqttToken token, Throwable error) {
            PendingPublish message = (PendingPublish) token.getUserContext();
            if (!PahoErrors.isConnectionProblem(error)) {
                fail(message, error);
                return;
            }
            Link link = connection.current();
            if (link != null && link.client == token.getClient()) {
                connection.linkFailed(link, error);
            }
            transmit(message, System.nanoTime()); // only if a newer connection is up already; else it waits for the next one
        }
    };

    @Override
    public void linkUp(Link link) {
        long now = System.nanoTime();
        for (PendingPublish message : pending) {
            transmit(message, now);
        }
    }

    @Override
    public void sweep(long nowNanos) {
        List<PendingPublish> overdue = new ArrayList<>();
        for (PendingPublish message : pending) {
            if (nowNanos - message.deadlineNanos > 0 && message.finish()) {
                overdue.add(message);
            }
        }
        pending.trim(true); // also those behind a message the hub has not acknowledged yet
        if (!overdue.isEmpty()) {
            SessionStatus status = connection.status(inFlight());
            TimeoutException timeout = new TimeoutException("message of " + settings.identity() + " not acknowledged within "
                    + DurationText.of(settings.sendTimeout()) + " (connection " + status.state() + ", last disconnect "
                    + status.lastDisconnectReason() + ")");
            overdue.forEach(message -> completeExceptionally(message, timeout));
        }
    }

    /** When the oldest message still waiting for the hub on this connection was written, or {@code null}. */
    Long oldestUnacknowledgedNanos(Link link) {
        for (PendingPublish message : pending) {
            if (!message.finished() && message.sentOn() == link) {
                return message.sentNanos;
            }
        }
        return null;
    }

    @Override
    public int inFlight() {
        return window.inUse();
    }

    @Override
    public void close(Throwable cause) {
        closing(cause, null);
    }

    /**
     * Takes no more messages, and fails those waiting, except those written to {@code quiescing}: the connection being
     * closed lets them get their PUBACK until {@link #close} fails what is left. Failing them at once would report
     * messages as failed that the hub received.
     */
    void closing(Throwable cause, Link quiescing) {
        closedBy = cause;
        for (PendingPublish message : pending) {
            if (quiescing == null || message.sentOn() != quiescing) {
                fail(message, cause);
            }
        }
    }

    private void fail(PendingPublish message, Throwable error) {
        if (message.finish()) {
            completeExceptionally(message, error);
        }
    }

    private void completeExceptionally(PendingPublish message, Throwable error) {
        try {
            work.execute(() -> message.fail(error));
        } catch (RejectedExecutionException stopping) { // the component stops: no thread left to hand it to
            message.fail(error);
        }
    }
}
