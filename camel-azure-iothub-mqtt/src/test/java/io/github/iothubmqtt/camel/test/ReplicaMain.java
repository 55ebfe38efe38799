package io.github.iothubmqtt.camel.test;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.IdentityNotOwnedException;
import io.github.iothubmqtt.camel.IotHubMqttComponent;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * One replica of a Camel application, in its own JVM, for the replica tests: a cluster service decides which
 * identities it connects. One thread per endpoint URI sends telemetry with bodies {@code <replica>:<endpoint>:<n>}
 * every {@value #PERIOD_MILLIS} ms and prints {@code done <body>} when the exchange completed, so the test knows what
 * the route saw as sent when it kills this JVM; a send of an identity owned elsewhere fails fast and is not counted.
 * Prints {@code buckets <list>} whenever the buckets this replica leads change, and the ownership decisions logged.
 * <p>
 * Arguments: replica name, cluster ({@code file:<root>} or {@code zookeeper:<connect string>}), the component's
 * clusterBuckets, trust store path (PKCS12), its password, then one endpoint URI per identity (with
 * {@code sslContextParameters=#hubTls}).
 */
public final class ReplicaMain {

    private static final long PERIOD_MILLIS = 5;
    private static final long NOT_OWNED_PAUSE_MILLIS = 50;
    private static final long WATCH_PERIOD_MILLIS = 100;
    private static final int FIRST_URI = 5;
    /** Its decisions (buckets won, lost, handed over) go to the test's output. */
    private static final String OWNERSHIP_LOGGER = "io.github.iothubmqtt.camel.IdentityOwnership";
    /** How long ZooKeeper keeps a killed replica's leadership: the lease time of this cluster service. */
    private static final long ZOOKEEPER_SESSION_TIMEOUT_MILLIS = 4_000;
    /** Where the replicas' elections live: a replica in the test's JVM must use the same. */
    public static final String ZOOKEEPER_BASE_PATH = "/replicas-test";

    private ReplicaMain() {
    }

    public static void main(String[] args) throws Exception {
        String replica = args[0];
        PrintStream out = System.out;
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getRegistry().bind("hubTls", TrustStores.sslContextParameters(args[3], args[4]));
            context.addService(clusterService(replica, args[1]));
            IotHubMqttComponent component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class);
            component.setClusterBuckets(Integer.parseInt(args[2]));
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            List<Thread> senders = new ArrayList<>();
            for (int i = FIRST_URI; i < args.length; i++) {
                String uri = args[i];
                String prefix = replica + ":" + (i - FIRST_URI) + ":";
                Thread sender = new Thread(() -> send(template, uri, prefix, out), "sender-" + (i - FIRST_URI));
                sender.setDaemon(true);
                senders.add(sender);
            }
            senders.forEach(Thread::start);
            print(out, "started");
            Object printed = null;
            int decisions = 0;
            while (true) { // ends with the JVM: the test kills it
                List<CapturedLogs.Event> events = CapturedLogs.events();
                for (; decisions < events.size(); decisions++) {
                    if (events.get(decisions).logger().equals(OWNERSHIP_LOGGER)) {
                        print(out, "ownership: " + events.get(decisions).message());
                    }
                }
                Object buckets = component.getOwnedClusterBuckets().stream().sorted().toList();
                if (!buckets.equals(printed)) {
                    print(out, "buckets " + buckets);
                    printed = buckets;
                }
                TimeUnit.MILLISECONDS.sleep(WATCH_PERIOD_MILLIS);
            }
        }
    }

    private static CamelClusterService clusterService(String replica, String cluster) throws Exception {
        if (cluster.startsWith("file:")) {
            FileLockClusterService service = new FileLockClusterService();
            service.setId(replica);
            service.setRoot(cluster.substring("file:".length()));
            service.setAcquireLockDelay(200, TimeUnit.MILLISECONDS);
            service.setAcquireLockInterval(500, TimeUnit.MILLISECONDS);
            return service;
        }
        if (cluster.startsWith("zookeeper:")) {
            ZooKeeperClusterService service = new ZooKeeperClusterService();
            service.setId(replica);
            service.setNodes(cluster.substring("zookeeper:".length()));
            service.setBasePath(ZOOKEEPER_BASE_PATH);
            service.setSessionTimeout(ZOOKEEPER_SESSION_TIMEOUT_MILLIS);
            service.setConnectTimeout(ZOOKEEPER_SESSION_TIMEOUT_MILLIS);
            return service;
        }
        throw new IllegalArgumentException("unknown cluster " + cluster);
    }

    private static void send(ProducerTemplate template, String uri, String prefix, PrintStream out) {
        for (long n = 0;; n++) {
            String body = prefix + n;
            try {
                template.sendBody(uri, body);
                print(out, "done " + body);
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            } catch (CamelExecutionException e) {
                if (!(e.getCause() instanceof IdentityNotOwnedException)) {
                    print(out, "failed " + body + " " + e.getCause());
                }
                pause();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(NOT_OWNED_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void print(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
