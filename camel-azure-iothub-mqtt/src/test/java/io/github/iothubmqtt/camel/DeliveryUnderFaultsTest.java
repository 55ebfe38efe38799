package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.test.DeliveryLedger;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * Connections killed (FIN) under the component while it streams telemetry: every exchange that succeeded must be at
 * the hub, every failure must be a documented exception, and a route's own thread must survive.
 */
class DeliveryUnderFaultsTest extends EmulatorTestSupport {

    private static final int MESSAGES = 10_000;
    private static final int KILLS = 5;
    /** Far above the outage of a kill (a reconnect within a second), so that no message has reason to time out. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** For all messages to be sent; a healthy run takes a few seconds. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SETTLE_TIMEOUT = SEND_TIMEOUT.plusSeconds(15);
    private static final String OPTIONS = "reconnectBackoffMin=50&reconnectBackoffMax=500&sendTimeout="
            + SEND_TIMEOUT.toMillis();

    private enum Redelivery {
        NONE, BLOCKING, ASYNC_DELAYED
    }

    @Test
    void killedConnectionsLoseNothing() throws Exception {
        streamThroughKills("kills", Redelivery.NONE);
    }

    /** Camel's redelivery (5 × 200 ms) on top, its delay spent on the thread that failed the exchange. */
    @Test
    void killedConnectionsLoseNothingWithBlockingRedelivery() throws Exception {
        streamThroughKills("kills, blocking redelivery", Redelivery.BLOCKING);
    }

    /** Camel's redelivery (5 × 200 ms) on top, scheduled on Camel's error handler thread pool. */
    @Test
    void killedConnectionsLoseNothingWithAsyncDelayedRedelivery() throws Exception {
        streamThroughKills("kills, async delayed redelivery", Redelivery.ASYNC_DELAYED);
    }

    /** Sends {@value #MESSAGES} messages and kills the connection {@value #KILLS} times, evenly spread over the run. */
    private void streamThroughKills(String scenario, Redelivery redelivery) throws Exception {
        Identity device = newDevice("kills");
        DeliveryLedger ledger = new DeliveryLedger(scenario, SEND_TIMEOUT);
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort());
                AutoCloseable listening = recordReceived(device, ledger)) {
            String telemetry = uri("telemetry", device, proxy.port(), OPTIONS);
            DefaultErrorHandlerDefinition redeliveries = new DefaultErrorHandlerDefinition().maximumRedeliveries(5)
                    .redeliveryDelay(200);
            String entry = stampingRoute(ledger, telemetry, switch (redelivery) {
                case NONE -> null;
                case BLOCKING -> redeliveries;
                case ASYNC_DELAYED -> redeliveries.asyncDelayedRedelivery();
            });
            boolean allSent = streamThroughFaults(entry, ledger, MESSAGES, KILLS, proxy::kill, RUN_TIMEOUT);
            DeliveryLedger.Report report = ledger.settle(SETTLE_TIMEOUT);
            System.out.println("[" + scenario + "] " + status(uri("status", device, proxy.port(), OPTIONS)));
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(allSent).as("all %d messages sent within %s", MESSAGES, RUN_TIMEOUT).isTrue();
                report.checkAtLeastOnce(softly);
                softly.assertThat(report.failed()).as("%s: failed although each outage lasted far less than the"
                        + " send timeout: %s", scenario, report.failuresByType()).isZero();
                softly.assertThat(report.failuresByType()).as("%s: redeliveries refused", scenario)
                        .doesNotContainKey("RejectedExecutionException");
            });
        }
    }

    @Test
    void aTimerRouteKeepsSendingAfterKills() throws Exception {
        Identity device = newDevice("timer");
        DeliveryLedger ledger = new DeliveryLedger("timer route through kills", SEND_TIMEOUT);
        String routeId = "timer-" + device.deviceId();
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort());
                AutoCloseable listening = recordReceived(device, ledger)) {
            String telemetry = uri("telemetry", device, proxy.port(), OPTIONS);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("timer:" + routeId + "?period=5").routeId(routeId).process(ledger::stamp).to(telemetry);
                }
            });
            await().atMost(WAIT).until(() -> ledger.receivedCount() >= 50);
            for (int kill = 1; kill <= KILLS; kill++) {
                proxy.kill();
                awaitReconnected(uri("status", device, proxy.port(), OPTIONS), kill, WAIT);
                long stamped = ledger.stamped();
                int received = ledger.receivedCount();
                int round = kill;
                await("the timer route producing after reconnect " + round).atMost(Duration.ofSeconds(10))
                        .until(() -> ledger.stamped() >= stamped + 50 && ledger.receivedCount() >= received + 50);
            }
            context.getRouteController().stopRoute(routeId, 10, TimeUnit.SECONDS);
            DeliveryLedger.Report report = ledger.settle(SETTLE_TIMEOUT);
            DeliveryLedger.assertAtLeastOnce(report);
        }
    }
}
