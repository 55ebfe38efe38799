package io.github.iothubmqtt.camel.session;

import java.net.URI;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection of a session, from its CONNECT until it is retired: the Paho client, the socket under it, and
 * when the hub was last heard from. Each connection gets a fresh client; {@code epoch} tells connections apart.
 */
final class Link {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);
    /**
     * How old {@link #lastInboundNanos} may get before a PUBACK or message renews it. Renewing it on every PUBACK made
     * Paho's callback thread write, message after message, the cache line every sender reads {@code client} from;
     * the liveness rule judges in seconds.
     */
    private static final long HEARD_RENEWAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    final int epoch;
    final PahoClient client;
    private final ProbingPingSender pinger;
    private final AbortableSocketFactory socket;
    private volatile long lastInboundNanos = System.nanoTime();
    private volatile Long probeSentNanos;

    /**
     * A fresh client for one connection: its own pinger on the shared scheduler, an abortable TLS socket (through the
     * proxy when one is set), and Paho's loops on the shared executor. Connecting it is the caller's business.
     */
    static Link open(int epoch, SessionSettings settings, ScheduledExecutorService scheduler, ClientLoops loops)
            throws MqttException {
        ProbingPingSender pinger = new ProbingPingSender(scheduler);
        SSLSocketFactory tls = settings.socketFactory();
        if (tls instanceof NegotiatedTlsVersions versions) {
            URI server = URI.create(settings.serverUri());
            tls = versions.towards(server.getHost(), server.getPort());
        }
        AbortableSocketFactory socket = new AbortableSocketFactory(tls, settings.proxy());
        PahoClient client = new PahoClient(settings.serverUri(), settings.identity().clientId(), new PahoKeepsNothing(),
                pinger, loops.forClient());
        client.setManualAcks(true);
        return new Link(epoch, client, pinger, socket);
    }

    private Link(int epoch, PahoClient client, ProbingPingSender pinger, AbortableSocketFactory socket) {
        this.epoch = epoch;
        this.client = client;
        this.pinger = pinger;
        this.socket = socket;
    }

    /** @throws IllegalArgumentException when the topic is too long for MQTT: the message's fault, not the connection's */
    void publish(PendingPublish message, IMqttActionListener listener) throws MqttException {
        PahoClient.checkTopic(message.topic);
        write(() -> client.publishBuiltTopic(message.topic, message.payload, message.qos, message, listener));
    }

    void subscribe(String filter, int qos, IMqttActionListener listener) throws MqttException {
        write(() -> client.subscribe(filter, qos, null, listener));
    }

    /**
     * A client closed by another thread while a write is under way fails inside Paho with a
     * {@code NullPointerException} (its state tables are gone); that is this connection's end, not the message's fault.
     */
    private static void write(PahoWrite write) throws MqttException {
        try {
            write.run();
        } catch (RuntimeException closedUnderneath) {
            throw new MqttException(closedUnderneath);
        }
    }

    @FunctionalInterface
    private interface PahoWrite {
        void run() throws MqttException;
    }

    /** The socket factory the connect options must use, so that {@link #abort} can reach the socket. */
    AbortableSocketFactory socket() {
        return socket;
    }

    /** Something arrived from the hub: a PUBACK, a PUBLISH, a SUBACK or the CONNACK. */
    void heard() {
        long now = System.nanoTime();
        if (now - lastInboundNanos >= HEARD_RENEWAL_NANOS) {
            lastInboundNanos = now;
        }
    }

    long lastInboundNanos() {
        return lastInboundNanos;
    }

    Long probeSentNanos() {
        return probeSentNanos;
    }

    void probe() {
        probeSentNanos = System.nanoTime();
        try {
            write(() -> pinger.probe(new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    lastInboundNanos = System.nanoTime(); // always: the rule must see the answer come after the probe
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    // unanswered: the liveness rule drops the connection when its time is up
                }
            }));
        } catch (MqttException e) {
            LOG.trace("Probe on {} not sent: {}", client.getClientId(), e.getMessage());
        }
    }

    /**
     * Ends the connection now, without a DISCONNECT, and releases the client's threads. Blocking parts run on the
     * given executor, never on Paho's or the scheduler's threads.
     */
    void abort(Executor blockingWork) {
        socket.abort();
        retire(blockingWork, 0);
    }

    /** Ends the connection, with a DISCONNECT after a quiesce that lets in-flight messages get their PUBACK. */
    void retire(Executor blockingWork, long quiesceMillis) {
        retire(blockingWork, quiesceMillis, () -> {
        });
    }

    /** Like {@link #retire(Executor, long)}, then runs {@code afterwards} on the same thread. */
    void retire(Executor blockingWork, long quiesceMillis, Runnable afterwards) {
        blockingWork.execute(() -> {
            try {
                if (client.isConnected()) {
                    client.disconnect(quiesceMillis).waitForCompletion(quiesceMillis + 1_000);
                }
            } catch (MqttException | RuntimeException e) {
                LOG.trace("Disconnecting a retired client of {}: {}", client.getClientId(), e.getMessage());
                socket.abort();
            }
            try {
                client.close(true);
            } catch (MqttException | RuntimeException e) {
                LOG.trace("Closing a retired client of {}: {}", client.getClientId(), e.getMessage());
            }
            afterwards.run();
        });
    }
}
