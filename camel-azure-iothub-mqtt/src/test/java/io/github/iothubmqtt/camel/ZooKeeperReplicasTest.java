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
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas, each in its own JVM, on Camel's ZooKeeper cluster service (an in-process ZooKeeper server): they
 * spread the buckets evenly, and when one is killed (kill -9) mid-stream the other two take its identities over once
 * ZooKeeper expires its session, and spread them again. The hub sees no take-over, and nothing a route saw complete
 * is lost.
 */
class ZooKeeperReplicasTest extends EmulatorTestSupport {

    private static final int DEVICES = 6;
    private static final int BUCKETS = 6;
    private static final List<String> REPLICAS = List.of("a", "b", "c");
    private static final String PASSWORD = "replicas-test";
    private static final Duration SPREAD_LIMIT = Duration.ofSeconds(45);
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(30);
    private static final Duration AFTER_FAILOVER = Duration.ofSeconds(2);
    private static final Duration POLL_LONG = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void replicasSpreadTheIdentitiesAndTheSurvivorsTakeOverWhenOneIsKilled() throws Exception {
        List<Identity> devices = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            Identity device = newDevice("zk-replica");
            devices.add(device);
            uris.add(uri("telemetry", device, "notOwnedPolicy=fail"));
        }
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            hub.trustStore().store(out, PASSWORD.toCharArray());
        }
        Set<String> done = ConcurrentHashMap.newKeySet();
        ReplicaLedger ledger = new ReplicaLedger();
        long takeOversBefore = hub.service().takeOvers();
        List<ReplicaProcess> replicas = new ArrayList<>();
        try (TestingServer zooKeeper = new TestingServer(true);
                AutoCloseable listener = hub.service().onTelemetry(ledger::received)) {
            String cluster = "zookeeper:" + zooKeeper.getConnectString();
            for (String name : REPLICAS) {
                replicas.add(ReplicaProcess.start(name, cluster, BUCKETS, trustStore, PASSWORD, uris, done));
            }
            long started = System.nanoTime();
            await().atMost(SPREAD_LIMIT).pollInterval(POLL_LONG).until(() -> replicas.stream()
                    .allMatch(r -> r.bucketCount() == BUCKETS / REPLICAS.size()));
            Duration spread = Duration.ofNanos(System.nanoTime() - started);
            await().atMost(SPREAD_LIMIT).pollInterval(POLL_LONG).until(() -> devices.stream()
                    .allMatch(d -> ledger.sender(d).isPresent()));

            // the sender of the first identity, so that the kill always orphans one: a replica may own none
            String victimName = ledger.sender(devices.get(0)).orElseThrow();
            ReplicaProcess victim = replicas.stream().filter(r -> r.name().equals(victimName)).findFirst().orElseThrow();
            List<Identity> orphans = devices.stream().filter(d -> ledger.sender(d).orElseThrow().equals(victim.name()))
                    .toList();
            long killed = System.nanoTime();
            victim.kill();
            await().atMost(FAILOVER_LIMIT).pollInterval(POLL_LONG).until(() -> orphans.stream()
                    .allMatch(d -> ledger.movedAway(d, victim.name(), killed).isPresent()));
            Duration failover = orphans.stream().map(d -> ledger.movedAway(d, victim.name(), killed).orElseThrow())
                    .max(Duration::compareTo).orElse(Duration.ZERO);
            List<ReplicaProcess> survivors = replicas.stream().filter(r -> r != victim).toList();
            await().atMost(FAILOVER_LIMIT).pollInterval(POLL_LONG).until(() -> survivors.stream()
                    .allMatch(r -> r.bucketCount() == BUCKETS / survivors.size()));
            Thread.sleep(AFTER_FAILOVER.toMillis());
            for (ReplicaProcess survivor : survivors) {
                survivor.kill();
            }
            Thread.sleep(POLL_LONG.toMillis()); // the hub thread hands on what it read before the kills

            long takeOvers = hub.service().takeOvers() - takeOversBefore;
            int failed = replicas.stream().mapToInt(ReplicaProcess::failed).sum();
            System.out.printf("[replicas, ZooKeeper, 3 JVMs, kill -9 of one] spread %d/%d/%d buckets after %d ms;"
                    + " failover %d ms (slowest of %d identities); survivors %s and %s; %d take-overs, %d completed,"
                    + " %d received, %d lost, %d duplicated, %d failed otherwise than not owned%n",
                    BUCKETS / 3, BUCKETS / 3, BUCKETS / 3, spread.toMillis(), failover.toMillis(), orphans.size(),
                    survivors.get(0).buckets(), survivors.get(1).buckets(), takeOvers, done.size(),
                    ledger.receivedCount(), ledger.lost(done), ledger.duplicated(), failed);
            ReplicaLedger.printTakeOvers();
            assertThat(takeOvers).as("take-overs at the hub").isZero();
            assertThat(ledger.lost(done)).as("completed but never at the hub").isZero();
            assertThat(failover).isLessThan(FAILOVER_LIMIT);
        } finally {
            for (ReplicaProcess replica : replicas) {
                replica.close();
            }
        }
    }
}
