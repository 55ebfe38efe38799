package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.DeliveryLedger;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.camel.test.Senders;
import io.github.iothubmqtt.protocol.Identity;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Half-open connections: the path to the hub turns into a black hole (nothing arrives, nothing closes) while
 * messages are in flight. The rule the session is held to: no inbound packet for {@code ackTimeout} while messages
 * are in flight → a PINGREQ; no answer within {@code ackTimeout} → the connection is dropped and replaced. So each cut
 * must be noticed (the status leaves CONNECTED) within 2 × ackTimeout + 2 s (the rule is checked once a second), and nothing may be lost.
 * <p>
 * {@code -Dfaults.blackHoleSeconds=N} shortens the black holes (default 30); {@code -Dfaults.ackTimeoutMillis=N}
 * passes {@code ackTimeout} to the endpoints (default: the option's default, 10 s), so both can be scaled down together.
 */
class HalfOpenConnectionTest extends EmulatorTestSupport {

    private static final Duration BLACK_HOLE = Duration.ofSeconds(Long.getLong("faults.blackHoleSeconds", 30));
    private static final Long ACK_TIMEOUT_OPTION = Long.getLong("faults.ackTimeoutMillis");
    private static final Duration ACK_TIMEOUT = Duration.ofMillis(ACK_TIMEOUT_OPTION == null
            ? 10_000
            : ACK_TIMEOUT_OPTION);
    private static final Duration NOTICE_BOUND = ACK_TIMEOUT.multipliedBy(2).plusSeconds(2);
    private static final int BLACK_HOLES = 5;
    private static final int PER_SECOND = 20;
    /** The default maxInflight: a black hole of 30 s holds about 600 messages in flight. */
    private static final int MAX_OUTSTANDING = 1000;
    /** Outlasts a black hole and the reconnect after it, so that no message has reason to time out. */
    private static final Duration SEND_TIMEOUT = BLACK_HOLE.plusSeconds(30);
    /** Connect attempts swallowed by the black hole give up soon; the backoff stays short so the heal is seen soon. */
    private static final String OPTIONS = "connectTimeout=5000&reconnectBackoffMin=100&reconnectBackoffMax=2000"
            + "&sendTimeout=" + SEND_TIMEOUT.toMillis()
            + (ACK_TIMEOUT_OPTION == null ? "" : "&ackTimeout=" + ACK_TIMEOUT_OPTION);

    @Test
    void blackHolesAreNoticedInTimeAndLoseNothing() throws Exception {
        if (BLACK_HOLE.compareTo(NOTICE_BOUND) <= 0) {
            throw new IllegalArgumentException("a black hole of " + BLACK_HOLE + " ends before the session must"
                    + " notice it (" + NOTICE_BOUND + "): lengthen it or shorten ackTimeout");
        }
        Identity device = newDevice("black-hole");
        DeliveryLedger ledger = new DeliveryLedger("black holes", SEND_TIMEOUT);
        List<String> missed = new ArrayList<>();
        String stuck = null;
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort());
                AutoCloseable listening = recordReceived(device, ledger)) {
            String telemetry = uri("telemetry", device, proxy.port(), OPTIONS);
            String statusUri = uri("status", device, proxy.port(), OPTIONS);
            String entry = stampingRoute(ledger, telemetry, null);
            try (Senders senders = Senders.start(context, entry, ledger, 2, Integer.MAX_VALUE,
                    MAX_OUTSTANDING, PER_SECOND)) {
                for (int hole = 1; hole <= BLACK_HOLES; hole++) {
                    int flowing = ledger.receivedCount() + PER_SECOND;
                    await("messages flowing before black hole " + hole).atMost(WAIT)
                            .until(() -> ledger.receivedCount() >= flowing);
                    long reconnects = status(statusUri).reconnectCount();
                    long start = System.nanoTime();
                    proxy.blackHole(true);
                    Optional<SessionStatus> cut = awaitDisconnected(statusUri, BLACK_HOLE);
                    Duration noticed = Duration.ofNanos(System.nanoTime() - start);
                    String outcome = "black hole " + hole + ": " + cut.map(status -> "noticed after "
                            + noticed.toMillis() + " ms (" + status.lastDisconnectReason() + ")")
                            .orElse("not noticed within " + BLACK_HOLE);
                    System.out.println("[black holes] " + outcome);
                    if (cut.isEmpty() || noticed.compareTo(NOTICE_BOUND) > 0) {
                        missed.add(outcome);
                    }
                    Thread.sleep(Math.max(0, BLACK_HOLE.minus(Duration.ofNanos(System.nanoTime() - start)).toMillis()));
                    proxy.blackHole(false);
                    try {
                        awaitReconnected(statusUri, reconnects + 1, WAIT);
                    } catch (ConditionTimeoutException e) {
                        stuck = "not reconnected within " + WAIT + " after black hole " + hole + ": "
                                + status(statusUri);
                        break;
                    }
                }
                senders.stop();
            }
            DeliveryLedger.Report report = ledger.settle(SEND_TIMEOUT.plusSeconds(15));
            String notReconnected = stuck;
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(notReconnected).as("reconnecting once the path healed").isNull();
                softly.assertThat(missed).as("black holes not noticed within %s", NOTICE_BOUND).isEmpty();
                report.checkAtLeastOnce(softly);
            });
        }
    }
}
