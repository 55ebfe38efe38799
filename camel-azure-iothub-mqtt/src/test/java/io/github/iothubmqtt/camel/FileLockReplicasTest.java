package io.github.iothubmqtt.camel;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.ReplicaLedger;
import io.github.iothubmqtt.camel.test.ReplicaProcess;
import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas, each in its own JVM, on Camel's file lock cluster service: only the one that holds the locks connects
 * the identities, the other stays idle (its sends fail fast with IdentityNotOwnedException), and when the owner is
 * killed (kill -9) mid-stream the other takes every identity over. The hub sees no take-over, and nothing a route saw
 * complete is lost.
 */
class FileLockReplicasTest extends EmulatorTestSupport {

    private static final int DEVICES = 4;
    private static final int BUCKETS = 4;
    private static final String PASSWORD = "replicas-test";
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration STANDBY = Duration.ofSeconds(2);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(20);
    private static final Duration POLL_LONG = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void theSurvivorTakesEveryIdentityOverWithoutATakeOverWhenTheOwnerIsKilled() throws Exception {
        List<Identity> devices = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Identity device = newDevice("replica");
            devices.add(device);
            uris.add(uri("telemetry", device, "notOwnedPolicy=fail"));
        }
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            hub.trustStore().store(out, PASSWORD.toCharArray());
        }
        String cluster = "file:" + directory.resolve("cluster");
        Set<String> done = ConcurrentHashMap.newKeySet();
        ReplicaLedger ledger = new ReplicaLedger();
        long takeOversBefore = hub.service().takeOvers();
        try (AutoCloseable listener = hub.service().onTelemetry(ledger::received);
                ReplicaProcess first = ReplicaProcess.start("a", cluster, BUCKETS, trustStore, PASSWORD, uris, done)) {
            await().atMost(START).pollInterval(POLL_LONG).until(() -> devices.stream()
                    .allMatch(d -> ledger.sender(d).filter("a"::equals).isPresent()));
            try (ReplicaProcess second = ReplicaProcess.start("b", cluster, BUCKETS, trustStore, PASSWORD, uris, done)) {
                assertThat(second.awaitStarted(START)).as("second replica started").isTrue();
                Thread.sleep(STANDBY.toMillis());
                assertThat(second.buckets()).as("the second replica stands by").isEqualTo("[]");
                assertThat(devices).allMatch(d -> ledger.sender(d).orElseThrow().equals("a"));

                long killed = System.nanoTime();
                first.kill();
                await().atMost(FAILOVER_LIMIT).pollInterval(POLL_LONG).until(() -> devices.stream()
                        .allMatch(d -> ledger.movedAway(d, "a", killed).isPresent()));
                Duration failover = devices.stream().map(d -> ledger.movedAway(d, "a", killed).orElseThrow())
                        .max(Duration::compareTo).orElseThrow();
                Thread.sleep(STANDBY.toMillis());
                second.kill();
                Thread.sleep(POLL_LONG.toMillis()); // the hub thread hands on what it read before the kill

                long takeOvers = hub.service().takeOvers() - takeOversBefore;
                System.out.printf("[replicas, file lock, kill -9 of the owner] failover %d ms (slowest of %d"
                        + " identities), %d take-overs, %d completed, %d received, %d lost, %d duplicated, %d failed"
                        + " otherwise than not owned%n", failover.toMillis(), DEVICES, takeOvers, done.size(),
                        ledger.receivedCount(), ledger.lost(done), ledger.duplicated(), first.failed() + second.failed());
                ReplicaLedger.printTakeOvers();
                assertThat(takeOvers).as("take-overs at the hub").isZero();
                assertThat(ledger.lost(done)).as("completed but never at the hub").isZero();
                assertThat(second.buckets()).as("the survivor leads every bucket").isEqualTo("[0, 1, 2, 3]");
                assertThat(devices).allMatch(d -> ledger.handovers(d) == 2, "served by a, then by b, nobody else");
                assertThat(failover).isLessThan(FAILOVER_LIMIT);
            }
        }
    }
}
