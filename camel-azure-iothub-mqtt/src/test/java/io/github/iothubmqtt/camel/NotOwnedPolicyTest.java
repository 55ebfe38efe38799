package io.github.iothubmqtt.camel;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.ReplicaLedger;
import io.github.iothubmqtt.camel.test.ReplicaProcess;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * This CamelContext is a replica on the file lock cluster service while another JVM owns the identity: a producer
 * with notOwnedPolicy=fail fails at once with IdentityNotOwnedException, one with wait completes once the owner is
 * killed and this replica takes the identity over, and a C2D consumer receives nothing until then.
 */
class NotOwnedPolicyTest extends EmulatorTestSupport {

    private static final int BUCKETS = 4;
    private static final String PASSWORD = "not-owned-test";
    private static final Duration START = Duration.ofSeconds(40);
    private static final Duration FAIL_FAST = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration POLL_LONG = Duration.ofMillis(100);

    @TempDir
    Path directory;

    @Test
    void producersFailOrWaitAndConsumersIdleWhileAnotherReplicaOwnsTheIdentity() throws Exception {
        Identity device = newDevice("not-owned");
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            hub.trustStore().store(out, PASSWORD.toCharArray());
        }
        Path cluster = directory.resolve("cluster");
        ReplicaLedger ledger = new ReplicaLedger();
        Set<String> done = ConcurrentHashMap.newKeySet();
        long takeOversBefore = hub.service().takeOvers();
        try (AutoCloseable listener = hub.service().onTelemetry(ledger::received);
                ReplicaProcess owner = ReplicaProcess.start("owner", "file:" + cluster, BUCKETS, trustStore, PASSWORD,
                        List.of(uri("telemetry", device, "")), done)) {
            await().atMost(START).pollInterval(POLL_LONG).until(() -> ledger.sender(device).isPresent());

            FileLockClusterService service = new FileLockClusterService();
            service.setId("local");
            service.setRoot(cluster.toString());
            service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
            service.setAcquireLockInterval(500, TimeUnit.MILLISECONDS);
            context.addService(service);
            // configured before it starts: the buckets must be those of the other replica
            IotHubMqttComponent component = (IotHubMqttComponent) context.getComponent("iothub-mqtt", true, false);
            component.setClusterService(service);
            component.setClusterBuckets(BUCKETS);
            component.start();
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri("c2d", device, "")).to("mock:c2d");
                }
            });
            MockEndpoint c2d = getMockEndpoint("mock:c2d");
            c2d.expectedBodiesReceived("queued while owned elsewhere");
            hub.service().sendC2d(device, "queued while owned elsewhere", Map.of());

            long start = System.nanoTime();
            Exchange failed = template.send(uri("telemetry", device, "notOwnedPolicy=fail"),
                    exchange -> exchange.getMessage().setBody("local:fail:0"));
            assertThat(failed.getException()).isInstanceOf(IdentityNotOwnedException.class)
                    .hasMessageContaining(device.deviceId());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("failed fast").isLessThan(FAIL_FAST);

            CompletableFuture<Exchange> waiting = template.asyncSend(uri("telemetry", device,
                    "notOwnedPolicy=wait&sendTimeout=30000"), exchange -> exchange.getMessage().setBody("local:wait:0"));
            Thread.sleep(IDLE.toMillis());
            assertThat(waiting).as("waits while the identity is owned elsewhere").isNotDone();
            assertThat(c2d.getReceivedCounter()).as("the C2D consumer idles while the identity is owned elsewhere").isZero();
            assertThat(component.getOwnedClusterBuckets()).isEmpty();

            long killed = System.nanoTime();
            owner.kill();
            Exchange waited = waiting.get(START.toSeconds(), TimeUnit.SECONDS);
            Duration failover = Duration.ofNanos(System.nanoTime() - killed);
            assertThat(waited.getException()).as("the waiting send, once owned here").isNull();
            c2d.assertIsSatisfied(START.toMillis());
            ReplicaLedger.printTakeOvers();
            System.out.printf("[notOwnedPolicy=wait] completed %d ms after the owner was killed; take-overs %d%n",
                    failover.toMillis(), hub.service().takeOvers() - takeOversBefore);
            assertThat(ledger.lost(Set.of("local:wait:0"))).as("the waited message reached the hub").isZero();
            assertThat(hub.service().takeOvers() - takeOversBefore).as("take-overs at the hub").isZero();
        }
    }
}
