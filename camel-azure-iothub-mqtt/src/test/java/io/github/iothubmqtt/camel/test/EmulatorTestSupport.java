package io.github.iothubmqtt.camel.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.ErrorHandlerFactory;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.awaitility.Awaitility.await;

/**
 * One emulator per test class over real TLS (MQTT and WebSocket), trusted through a Camel {@link SSLContextParameters}
 * bean named {@code hubTls}. Each test registers its own devices, so tests never share an identity.
 */
public abstract class EmulatorTestSupport extends CamelTestSupport {

    protected static final Duration C2D_LOCK_TIMEOUT = Duration.ofSeconds(2);
    protected static final Duration WAIT = Duration.ofSeconds(30);
    /** How often fault tests poll a session's status: well inside the shortest reconnect backoff they configure. */
    protected static final Duration POLL = Duration.ofMillis(5);
    private static final int STREAM_THREADS = 4;
    private static final int STREAM_OUTSTANDING = 200;
    protected static IotHubEmulator hub;

    @BeforeAll
    static void startEmulator() {
        hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(-1).bindHost("127.0.0.1")
                .c2dLockTimeout(C2D_LOCK_TIMEOUT).start();
    }

    @AfterAll
    static void stopEmulator() {
        if (hub != null) {
            hub.close();
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("hubTls", Trust.trusting(hub.trustStore()));
    }

    /** A freshly registered device. */
    protected static Identity newDevice(String prefix) {
        Identity identity = Identity.device(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        hub.registry().addDevice(identity.deviceId());
        return identity;
    }

    /** An endpoint URI for the identity over MQTT/TLS; the connection string goes through RAW() as users should. */
    protected static String uri(String kind, Identity identity, String options) {
        return uri(kind, identity, hub.mqttPort(), options);
    }

    /** The same through another port, such as a {@link FaultProxy}'s in front of the emulator. */
    protected static String uri(String kind, Identity identity, int port, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + hub.connectionString(identity) + ")&port="
                + port + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }

    /** Tells the ledger of each telemetry message of the identity that the hub receives; close to stop. */
    protected static AutoCloseable recordReceived(Identity identity, DeliveryLedger ledger) {
        return hub.service().onTelemetry(message -> {
            if (message.identity().equals(identity)) {
                ledger.received(Long.parseLong(message.applicationProperties().get(DeliveryLedger.SEQ_HEADER)));
            }
        });
    }

    /** The session's status as a route reads it: through the status endpoint (give it the same options). */
    protected SessionStatus status(String statusUri) {
        return template.requestBody(statusUri, null, SessionStatus.class);
    }

    /** Waits until the session is connected again after at least {@code reconnects} reconnects. */
    protected SessionStatus awaitReconnected(String statusUri, long reconnects, Duration timeout) {
        return await().atMost(timeout).pollInterval(POLL).until(() -> status(statusUri),
                status -> status.connected() && status.reconnectCount() >= reconnects);
    }

    /**
     * The first status, polled every {@link #POLL}, that shows the session not connected (its disconnect reason is
     * the verdict on the connection that ended); empty if it stayed connected for {@code timeout}.
     */
    protected Optional<SessionStatus> awaitDisconnected(String statusUri, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SessionStatus status = status(statusUri);
            if (!status.connected()) {
                return Optional.of(status);
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /** Something a test does to the connection or the hub. */
    @FunctionalInterface
    protected interface Action {
        void run() throws Exception;
    }

    /**
     * Ends the session's connection {@code times} times with {@code fault}, each time on a fresh connection, runs
     * {@code recovery} and waits for the reconnect; returns the session's verdict on each ended connection.
     */
    protected List<SessionStatus> verdictsAfter(String statusUri, int times, Action fault, Action recovery)
            throws Exception {
        long reconnects = status(statusUri).reconnectCount();
        List<SessionStatus> verdicts = new ArrayList<>();
        for (int round = 1; round <= times; round++) {
            fault.run();
            int done = round;
            verdicts.add(awaitDisconnected(statusUri, WAIT)
                    .orElseThrow(() -> new AssertionError("fault " + done + " went unnoticed for " + WAIT)));
            recovery.run();
            awaitReconnected(statusUri, reconnects + round, WAIT);
        }
        return verdicts;
    }

    /**
     * Adds the route {@code direct:… → ledger.stamp → telemetryUri}, with the given error handler (null: the default
     * one), and returns its entry URI.
     */
    protected String stampingRoute(DeliveryLedger ledger, String telemetryUri, ErrorHandlerFactory errorHandler)
            throws Exception {
        String entryUri = "direct:stamped-" + UUID.randomUUID();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (errorHandler != null) {
                    errorHandler(errorHandler);
                }
                from(entryUri).process(ledger::stamp).to(telemetryUri);
            }
        });
        return entryUri;
    }

    /**
     * Sends {@code messages} messages into the route at {@code entryUri} from {@value #STREAM_THREADS} threads, at most
     * {@value #STREAM_OUTSTANDING} unfinished at a time, and runs {@code fault} {@code faults} times, evenly spread
     * over the run; false if not all were sent within {@code timeout}.
     */
    protected boolean streamThroughFaults(String entryUri, DeliveryLedger ledger, int messages, int faults,
            Action fault, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        try (Senders senders = Senders.start(context, entryUri, ledger, STREAM_THREADS, messages, STREAM_OUTSTANDING,
                0)) {
            for (int round = 1; round <= faults; round++) {
                if (!senders.awaitSubmitted(round * messages / (faults + 1), deadline)) {
                    return false;
                }
                fault.run();
            }
            return senders.awaitAllSent(deadline);
        }
    }

    protected static String webSocketUri(String kind, Identity identity, String options) {
        return "iothub-mqtt:" + kind + "?connectionString=RAW(" + hub.connectionString(identity) + ")&transport=mqtt-ws"
                + "&port=" + hub.webSocketPort() + "&sslContextParameters=#hubTls" + (options.isEmpty() ? "" : "&" + options);
    }
}
