package io.github.iothubmqtt.camel.test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;

/**
 * The hub's side of a replica test: every telemetry body ({@code <replica>:<endpoint>:<n>}, see {@link ReplicaMain})
 * with how often it arrived, and for each identity when the replica sending it changed. With the {@code done} lines of
 * the replicas it tells what was lost and duplicated, and how long an identity went unserved after a kill.
 */
public final class ReplicaLedger {

    /** The identity's messages came from {@code replica} from {@code nanos} on. */
    public record Handover(Identity identity, String replica, long nanos) {
    }

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Map<Identity, String> sender = new ConcurrentHashMap<>();
    private final Queue<Handover> handovers = new ConcurrentLinkedQueue<>();

    /** For {@code hub.service().onTelemetry(...)}: runs on the hub thread. */
    public void received(TelemetryMessage message) {
        String body = message.bodyAsString();
        received.computeIfAbsent(body, k -> new AtomicInteger()).incrementAndGet();
        String replica = body.substring(0, body.indexOf(':'));
        if (!replica.equals(sender.put(message.identity(), replica))) {
            handovers.add(new Handover(message.identity(), replica, System.nanoTime()));
        }
    }

    /** The replica whose messages of the identity arrived last, if any arrived. */
    public Optional<String> sender(Identity identity) {
        return Optional.ofNullable(sender.get(identity));
    }

    /** How long after {@code sinceNanos} the identity's messages first came from another replica than {@code from}. */
    public Optional<Duration> movedAway(Identity identity, String from, long sinceNanos) {
        return handovers.stream()
                .filter(h -> h.identity().equals(identity) && !h.replica().equals(from) && h.nanos() >= sinceNanos)
                .findFirst().map(h -> Duration.ofNanos(h.nanos() - sinceNanos));
    }

    /** How many times the identity's sender changed, the first sender included. */
    public long handovers(Identity identity) {
        return handovers.stream().filter(h -> h.identity().equals(identity)).count();
    }

    /** Messages whose exchange completed in a replica and that the hub never received. */
    public long lost(Set<String> done) {
        return done.stream().filter(body -> !received.containsKey(body)).count();
    }

    /** Messages the hub received more than once. */
    public long duplicated() {
        return received.values().stream().filter(count -> count.get() > 1).count();
    }

    /** Prints the hub's take-over events, if any, to tell which identity two replicas held at once. */
    public static void printTakeOvers() {
        CapturedLogs.events().stream().filter(e -> e.message().contains("a new connection replaces the open one"))
                .forEach(e -> System.out.println("take-over at the hub: " + e.message()));
    }

    public int receivedCount() {
        return received.size();
    }
}
