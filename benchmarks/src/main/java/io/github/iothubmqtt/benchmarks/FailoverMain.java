package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;

/**
 * One replica of the ownership failover measure, alone in its JVM: a route per identity on Camel's file lock cluster
 * service, so that it connects only the identities whose buckets it leads. Prints {@code started} once its context
 * runs, then {@code connected <n>} whenever the number of its connected sessions changes; the parent kills it with
 * {@code kill -9}.
 * <p>
 * Arguments: {@code <replica name> <cluster root> <connection strings file> <mqtt port> <CA PEM>}.
 */
public final class FailoverMain {

    static final String STARTED = "started";
    static final String CONNECTED = "connected ";
    /** What the replica tests use: a lost lock is taken over within about a second. */
    private static final long LOCK_DELAY_MILLIS = 200;
    private static final long LOCK_INTERVAL_MILLIS = 500;
    private static final long WATCH_MILLIS = 20;

    private FailoverMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<Identity, String> byIdentity = new HashMap<>();
        Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8)
                .forEach(s -> byIdentity.put(ConnectionString.parse(s).identity(), s));
        List<Identity> identities = List.copyOf(byIdentity.keySet());
        CamelDevices devices = new CamelDevices(Trust.trustStore(Path.of(args[4])), Integer.parseInt(args[3]), byIdentity::get);
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(args[0]);
        cluster.setRoot(args[1]);
        cluster.setAcquireLockDelay(LOCK_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(LOCK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        devices.camel.addService(cluster);
        devices.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < identities.size(); i++) {
                    from("direct:identity-" + i).to(devices.uri("telemetry", identities.get(i), "notOwnedPolicy=fail"));
                }
            }
        });
        devices.start();
        System.out.println(STARTED);
        IotHubMqttComponent component = devices.camel.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        long printed = -1;
        while (true) { // ends with the JVM: the parent kills it
            long connected = CamelDevices.connected(component);
            if (connected != printed) {
                System.out.println(CONNECTED + connected);
                printed = connected;
            }
            TimeUnit.MILLISECONDS.sleep(WATCH_MILLIS);
        }
    }
}
