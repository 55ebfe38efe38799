package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConstants;
import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionState;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Telemetry;
import io.github.iothubmqtt.protocol.Username;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.TimerPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One side of the fleet benchmark, alone in its JVM so that threads, heap and RSS are its own: connects every identity
 * of a file of connection strings, sends one message from each and waits for every PUBACK, then prints what that
 * cost. {@code fleet}: one route to one endpoint that serves every identity (a gateway's {@code fleet}); {@code routes}:
 * one route per identity; both with the component's {@code connectConcurrency} bounding connects in progress; {@code paho}: raw Paho clients with the same bound, on virtual threads where the JVM has them (Java 21+)
 * and on Paho's own threads otherwise. {@code renewals}: the component only, with a short SAS lifetime, reporting the
 * busiest second of renewals. {@code plain}: the same number of routes without the component, started only.
 * <p>
 * Arguments: {@code fleet|routes|paho|plain|renewals <connection strings file> <mqtt port> <CA PEM> <concurrency> [ttl seconds]}.
 */
public final class FleetMain {

    static final String RESULT = "fleet-result: ";
    /** How long {@code CamelContext.start()} took, with a route per identity. */
    private static long startMillis;
    private static final Duration DONE_WITHIN = Duration.ofMinutes(10);

    private FleetMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> connectionStrings = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        int port = Integer.parseInt(args[2]);
        Path ca = Path.of(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        Usage before = Usage.now();
        long start = System.nanoTime();
        String extra = switch (args[0]) {
            case "fleet" -> {
                fleet(connectionStrings, port, ca, concurrency);
                yield " startMillis=" + startMillis;
            }
            case "routes" -> {
                camel(connectionStrings, port, ca, concurrency, 0);
                yield " startMillis=" + startMillis;
            }
            case "paho" -> {
                paho(connectionStrings, port, ca, concurrency);
                yield "";
            }
            case "plain" -> " startMillis=" + plainRoutes(connectionStrings.size());
            case "renewals" -> " renewalPeak=" + camel(connectionStrings, port, ca, concurrency, Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("fleet, routes, paho, plain or renewals, not " + args[0]);
        };
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Usage after = Usage.now();
        System.out.println(RESULT + "millis=" + millis + " cpuMillis=" + (after.cpuMillis - before.cpuMillis) + " threads="
                + (after.threads - before.threads) + " heapBytes=" + (after.heapBytes - before.heapBytes) + " rssBytes="
                + (after.rssBytes - before.rssBytes) + extra);
        System.out.flush();
        System.exit(0); // the measure is taken; closing thousands of connections only costs time
    }

    /** Returns the most renewals seen in one second when {@code ttlSeconds} is set, after one lifetime and a half. */
    private static int camel(List<String> connectionStrings, int port, Path ca, int concurrency, int ttlSeconds)
            throws Exception {
        Map<Identity, String> byIdentity = new HashMap<>();
        connectionStrings.forEach(s -> byIdentity.put(ConnectionString.parse(s).identity(), s));
        List<Identity> identities = List.copyOf(byIdentity.keySet());
        CamelDevices devices = new CamelDevices(Trust.trustStore(ca), port, byIdentity::get);
        IotHubMqttComponent component = new IotHubMqttComponent();
        component.setConnectRate(0);
        component.setConnectConcurrency(concurrency);
        devices.camel.addComponent("iothub-mqtt", component);
        String options = ttlSeconds > 0 ? "sasTokenTtl=" + ttlSeconds * 1000 + "&sasRenewalMargin=5000" : "";
        devices.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < identities.size(); i++) {
                    from("direct:identity-" + i).to(devices.uri("telemetry", identities.get(i), options));
                }
            }
        });
        long start = System.nanoTime();
        devices.start();
        startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 0; i < identities.size(); i++) {
            AsyncProducer producer = devices.camel.getEndpoint("direct:identity-" + i).createAsyncProducer();
            producer.start();
            sent.add(sendOne(devices, producer, null));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(DONE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        return ttlSeconds > 0 ? busiestRenewalSecond(component, Duration.ofSeconds(ttlSeconds * 3L / 2)) : 0;
    }

    /** One route to one endpoint serving every identity, each message naming its identity in a header. */
    private static void fleet(List<String> connectionStrings, int port, Path ca, int concurrency) throws Exception {
        CamelDevices devices = new CamelDevices(Trust.trustStore(ca), port, identity -> null);
        IotHubMqttComponent component = new IotHubMqttComponent();
        component.setConnectRate(0);
        component.setConnectConcurrency(concurrency);
        devices.camel.addComponent("iothub-mqtt", component);
        devices.camel.getRegistry().bind("fleet", connectionStrings);
        devices.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:fleet").to("iothub-mqtt:telemetry?fleet=#fleet&port=" + port + "&sslContextParameters=#hubTls");
            }
        });
        long start = System.nanoTime();
        devices.start();
        startMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        AsyncProducer producer = devices.camel.getEndpoint("direct:fleet").createAsyncProducer();
        producer.start();
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (String connectionString : connectionStrings) {
            sent.add(sendOne(devices, producer, ConnectionString.parse(connectionString).identity().clientId()));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(DONE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The same number of routes with no iothub-mqtt endpoint: what starting them costs Camel itself. */
    private static long plainRoutes(int count) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < count; i++) {
                        from("direct:identity-" + i).to("direct:elsewhere-" + i);
                    }
                }
            });
            long start = System.nanoTime();
            camel.start();
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /** Sends without holding a thread until the hub acknowledged: as many in flight as there are identities. */
    private static CompletableFuture<Void> sendOne(CamelDevices devices, AsyncProducer producer, String identity) {
        Exchange exchange = new DefaultExchange(devices.camel);
        exchange.getMessage().setBody("hello");
        if (identity != null) {
            exchange.getMessage().setHeader(IotHubMqttConstants.IDENTITY, identity);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        producer.process(exchange, doneSync -> {
            if (exchange.getException() != null) {
                done.completeExceptionally(exchange.getException());
            } else {
                done.complete(null);
            }
        });
        return done;
    }

    /**
     * Watches the sessions for {@code watch} and returns the most renewals within one second. A renewal counts in the
     * second its fresh connection came up, as the session recorded it, so that a late poll on a busy machine does not
     * lump renewals of several seconds together.
     */
    private static int busiestRenewalSecond(IotHubMqttComponent component, Duration watch) throws InterruptedException {
        List<DeviceSession> sessions = List.copyOf(component.getSessionHealthChecks().keySet());
        Map<Long, Integer> perSecond = new HashMap<>();
        long[] seen = new long[sessions.size()];
        long end = System.nanoTime() + watch.toNanos();
        while (System.nanoTime() < end) {
            for (int i = 0; i < sessions.size(); i++) {
                SessionStatus status = sessions.get(i).status();
                if (status.renewalCount() > seen[i] && status.state() == SessionState.CONNECTED) {
                    perSecond.merge(status.connectedSince().getEpochSecond(), (int) (status.renewalCount() - seen[i]),
                            Integer::sum);
                    seen[i] = status.renewalCount();
                }
            }
            Thread.sleep(20);
        }
        return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static void paho(List<String> connectionStrings, int port, Path ca, int concurrency) throws Exception {
        SSLContext tls = Trust.trusting(ca, "TLS");
        ThreadFactory virtual = virtualThreads();
        Semaphore connecting = new Semaphore(concurrency);
        CompletableFuture<?>[] acknowledged = new CompletableFuture<?>[connectionStrings.size()];
        for (int i = 0; i < connectionStrings.size(); i++) {
            ConnectionString device = ConnectionString.parse(connectionStrings.get(i));
            CompletableFuture<Void> done = new CompletableFuture<>();
            acknowledged[i] = done;
            connecting.acquire();
            // this client's three loops, its connect and its pings; Paho shuts the executor down with the client
            ScheduledExecutorService loops = virtual == null ? null : Executors.newScheduledThreadPool(5, virtual);
            MqttAsyncClient client = new MqttAsyncClient("ssl://" + device.connectHost() + ":" + port,
                    device.identity().clientId(),
                    new MemoryPersistence(), loops == null ? new TimerPingSender() : new ScheduledExecutorPingSender(loops),
                    loops);
            client.connect(options(device, tls), null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    connecting.release();
                    try {
                        client.publish(Telemetry.topic(device.identity(), Map.of()), "hello".getBytes(StandardCharsets.UTF_8),
                                1, false,
                                null, completing(done));
                    } catch (MqttException e) {
                        done.completeExceptionally(e);
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    connecting.release();
                    done.completeExceptionally(error);
                }
            });
        }
        CompletableFuture.allOf(acknowledged).get(DONE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static IMqttActionListener completing(CompletableFuture<Void> done) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                done.complete(null);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    private static MqttConnectOptions options(ConnectionString device, SSLContext tls) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(120);
        options.setSocketFactory(tls.getSocketFactory());
        options.setUserName(Username.build(device.hostName(), device.identity(), HubLimits.DEFAULT_API_VERSION, null, null));
        options.setPassword(
                SasToken.create(SasToken.resourceUri(device.hostName(), device.identity()), device.sharedAccessKey(),
                        Instant.now().plusSeconds(3600).getEpochSecond(), null).toCharArray());
        return options;
    }

    /** {@code Thread.ofVirtual().factory()} on Java 21+, found by reflection since this compiles for Java 17. */
    private static ThreadFactory virtualThreads() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** CPU time of the whole process, platform threads, heap in use after collections, and resident memory. */
    private record Usage(long cpuMillis, long threads, long heapBytes, long rssBytes) {
        static Usage now() throws Exception {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0L);
            long cpuNanos = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new Usage(TimeUnit.NANOSECONDS.toMillis(cpuNanos), ManagementFactory.getThreadMXBean().getThreadCount(),
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), rss);
        }
    }
}
