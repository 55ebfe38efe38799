package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.protocol.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.camel.builder.RouteBuilder;

/**
 * The same route, {@code direct → iothub-mqtt:telemetry}, once per outbox kind, each on its own identity of one
 * emulator in a child JVM: {@code outbox=none} (the exchange completes on the hub's PUBACK), {@code memory} and
 * {@code disk} (it completes once stored; synced, for the disk). Rounds alternate the kinds. A round gives the rate at
 * which exchanges completed, and the rate until the hub acknowledged the last message, when the outbox is empty.
 */
final class OutboxRouteThroughput {

    static final List<String> KINDS = List.of("none", "memory", "disk");
    private static final Duration DRAIN = Duration.ofMinutes(2);

    /** One round of one kind: exchanges completed per second, and messages acknowledged by the hub per second. */
    record Round(double completedPerSecond, double deliveredPerSecond) {
    }

    private final CamelDevices devices;
    private final TelemetryThroughput telemetry;

    /**
     * Adds a route {@code direct:outbox-<kind>} for each kind, with its identity from {@code identityOf}, and starts
     * the context.
     */
    OutboxRouteThroughput(CamelDevices devices, TelemetryThroughput telemetry, Path outboxDirectory, int window,
            Function<String, Identity> identityOf) throws Exception {
        this.devices = devices;
        this.telemetry = telemetry;
        devices.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (String kind : KINDS) {
                    from("direct:outbox-" + kind).to(devices.uri("telemetry", identityOf.apply(kind), "maxInflight=" + window
                            + "&outbox=" + kind
                            + ("disk".equals(kind) ? "&outboxDirectory=" + outboxDirectory.toAbsolutePath() : "")));
                }
            }
        });
        devices.start();
        devices.awaitConnected(KINDS.size(), Duration.ofSeconds(30));
    }

    Round run(String kind, int messages, int senders) throws Exception {
        long start = System.nanoTime();
        TelemetryThroughput.Round completed = telemetry.camel(devices.camel, "direct:outbox-" + kind, messages, senders);
        awaitDrained();
        return new Round(completed.perSecond(), messages / ((System.nanoTime() - start) / 1e9));
    }

    /** Waits until no session holds a message the hub has not acknowledged. */
    private void awaitDrained() throws InterruptedException {
        IotHubMqttComponent component = devices.camel.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (component.getSessionHealthChecks().keySet().stream().mapToInt(session -> session.status().inFlight())
                .sum() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("outboxes not drained after " + DRAIN);
            }
            Thread.sleep(1);
        }
    }

    static String describe(List<Round> rounds) {
        List<String> figures = new ArrayList<>();
        rounds.forEach(round -> figures
                .add(String.format(Locale.ROOT, "%,.0f/%,.0f", round.completedPerSecond(), round.deliveredPerSecond())));
        return figures.toString();
    }

    static List<Double> completed(List<Round> rounds) {
        return rounds.stream().map(Round::completedPerSecond).toList();
    }

    static List<Double> delivered(List<Round> rounds) {
        return rounds.stream().map(Round::deliveredPerSecond).toList();
    }
}
