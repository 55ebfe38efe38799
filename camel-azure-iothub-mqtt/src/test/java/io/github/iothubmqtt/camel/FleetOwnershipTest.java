package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.ReplicaMain;
import io.github.iothubmqtt.camel.test.ReplicaProcess;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet endpoint on a replica shares its identities with another replica (a route per identity, in its own JVM) on
 * ZooKeeper (whose members every replica sees, so the buckets spread): each identity is connected by exactly one of them, the hub sees no take-over, and the
 * fleet's producer sends for the identities this replica owns and fails fast for the others.
 */
class FleetOwnershipTest extends EmulatorTestSupport {

    private static final int BUCKETS = 4;
    /** Enough that each replica's two buckets hold some: 2^-16 that one holds none. */
    private static final int FLEET_SIZE = 16;
    private static final String PASSWORD = "fleet-ownership-test";
    private static final Duration SPREAD = Duration.ofSeconds(60);
    private static final Duration POLL_LONG = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void theReplicasSplitTheFleetAndEachIdentityIsConnectedOnce() throws Exception {
        List<Identity> fleet = new ArrayList<>();
        List<String> connectionStrings = new ArrayList<>();
        List<String> routePerIdentity = new ArrayList<>();
        for (int i = 0; i < FLEET_SIZE; i++) {
            Identity device = newDevice("fleet-owned");
            fleet.add(device);
            connectionStrings.add(hub.connectionString(device));
            routePerIdentity.add(uri("telemetry", device, ""));
        }
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            hub.trustStore().store(out, PASSWORD.toCharArray());
        }
        long takeOversBefore = hub.service().takeOvers();
        Set<String> done = ConcurrentHashMap.newKeySet();
        try (TestingServer zooKeeper = new TestingServer(true);
                ReplicaProcess other = ReplicaProcess.start("other", "zookeeper:" + zooKeeper.getConnectString(), BUCKETS,
                        trustStore, PASSWORD, routePerIdentity, done)) {
            assertThat(other.awaitStarted(SPREAD)).isTrue();
            ZooKeeperClusterService service = new ZooKeeperClusterService();
            service.setId("local");
            service.setNodes(zooKeeper.getConnectString());
            service.setBasePath(ReplicaMain.ZOOKEEPER_BASE_PATH);
            context.addService(service);
            IotHubMqttComponent component = (IotHubMqttComponent) context.getComponent("iothub-mqtt", true, false);
            component.setClusterService(service);
            component.setClusterBuckets(BUCKETS);
            component.start(); // configured before it starts: the buckets must be those of the other replica
            context.getRegistry().bind("fleet", connectionStrings);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:fleet").to("iothub-mqtt:telemetry?fleet=#fleet&port=" + hub.mqttPort()
                            + "&sslContextParameters=#hubTls&notOwnedPolicy=fail");
                }
            });

            await().atMost(SPREAD).pollInterval(POLL_LONG).until(() -> component.getOwnedClusterBuckets().size() == 2
                    && other.bucketCount() == 2 && fleet.stream().allMatch(d -> hub.service().connectionCount(d) == 1));

            List<Identity> sentHere = new ArrayList<>();
            List<Identity> ownedElsewhere = new ArrayList<>();
            for (Identity device : fleet) {
                Exchange sent = template.send("direct:fleet", exchange -> {
                    exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, device.clientId());
                    exchange.getMessage().setBody("local");
                });
                if (sent.getException() == null) {
                    sentHere.add(device);
                } else {
                    assertThat(sent.getException()).isInstanceOf(IdentityNotOwnedException.class);
                    ownedElsewhere.add(device);
                }
            }
            assertThat(sentHere).as("identities this replica sends for").isNotEmpty();
            assertThat(ownedElsewhere).as("identities the other replica owns").isNotEmpty();
            for (Identity device : sentHere) {
                assertThat(hub.service().telemetry(device)).extracting(m -> m.bodyAsString()).contains("local");
            }
            assertThat(fleet).allSatisfy(device -> assertThat(hub.service().connectionCount(device)).isEqualTo(1));
            assertThat(hub.service().takeOvers() - takeOversBefore).as("take-overs at the hub").isZero();
        }
    }
}
