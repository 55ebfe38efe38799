package io.github.iothubmqtt.camel;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * A thousand reconnects must leave no thread and no retained memory behind. Each takes about 0.3 s however short the
 * backoff: Paho 1.2.5 waits for each of its three threads to start in steps of 100 ms. {@code -Dfaults.reconnects=N}
 * runs fewer.
 */
class ReconnectResourcesTest extends EmulatorTestSupport {

    private static final int RECONNECTS = Integer.getInteger("faults.reconnects", 1_000);
    /** Ten times what the reconnects take on a quiet machine: a bound for the whole loop, not a performance goal. */
    private static final Duration BUDGET = Duration.ofMillis(RECONNECTS * 3_000L);
    /** Reconnects before the baseline, so that lazily started pools and JIT-compiled code are in it. */
    private static final int WARM_UP = 50;
    /**
     * Each connection has three Paho threads (receiver, sender, callback) and two of the proxy: one leaked connection
     * per reconnect would add thousands. The margin is for pools of the JVM, Camel and Vert.x that may still start a
     * thread lazily.
     */
    private static final int THREAD_MARGIN = 5;
    /**
     * A connection holds a Paho client, a TLS socket with its buffers and the session's bookkeeping: some tens of KB,
     * so one leaked per reconnect would retain tens of MB over a thousand. The margin covers what legitimately grows:
     * the JDK's client TLS session cache (one small entry per new session, about 1 to 2 MB here) and what a full GC
     * still finds live at an arbitrary moment.
     */
    private static final long HEAP_MARGIN_BYTES = 20L * 1024 * 1024;
    private static final String OPTIONS = "reconnectBackoffMin=5&reconnectBackoffMax=20";

    private record Footprint(int threads, long heapBytes) {
        @Override
        public String toString() {
            return threads + " threads, " + heapBytes / 1024 + " KB heap";
        }
    }

    @Test
    void aThousandReconnectsLeaveNoThreadAndNoMemoryBehind() throws Exception {
        Identity device = newDevice("reconnects");
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort())) {
            String telemetry = uri("telemetry", device, proxy.port(), OPTIONS);
            String statusUri = uri("status", device, proxy.port(), OPTIONS);
            template.sendBody(telemetry, "first");
            for (int reconnect = 1; reconnect <= WARM_UP; reconnect++) {
                proxy.kill();
                awaitReconnected(statusUri, reconnect, WAIT);
            }
            Footprint before = footprint();
            long start = System.nanoTime();
            for (int reconnect = WARM_UP + 1; reconnect <= WARM_UP + RECONNECTS; reconnect++) {
                proxy.kill();
                awaitReconnected(statusUri, reconnect, WAIT);
                if (System.nanoTime() - start > BUDGET.toNanos()) {
                    throw new AssertionError("only " + (reconnect - WARM_UP) + " reconnects within " + BUDGET);
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            template.sendBody(telemetry, "last");
            // retired clients are closed in the background: give them a few seconds before judging
            Footprint after = footprint();
            for (int look = 0; look < 10 && after.threads() > before.threads() + THREAD_MARGIN; look++) {
                after = footprint();
            }
            System.out.println("[reconnects] " + RECONNECTS + " reconnects in " + took.toMillis() + " ms; before: "
                    + before + "; after: " + after);
            Footprint end = after;
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(hub.service().awaitTelemetry(device, 2, WAIT))
                        .extracting(TelemetryMessage::bodyAsString).containsExactly("first", "last");
                softly.assertThat(end.threads()).as("live threads").isLessThanOrEqualTo(before.threads()
                        + THREAD_MARGIN);
                softly.assertThat(end.heapBytes()).as("retained heap").isLessThanOrEqualTo(before.heapBytes()
                        + HEAP_MARGIN_BYTES);
            });
        }
    }

    /** Live threads, and heap in use after full collections; the test log capture is emptied first, it is no leak. */
    private static Footprint footprint() throws InterruptedException {
        CapturedLogs.clear();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return new Footprint(ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
}
