package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Runs every benchmark against one in-process emulator over TLS on loopback and prints component / baseline ratios.
 * Each pair runs alternately, several rounds, and reports medians, because client and emulator share the cores.
 * Run: {@code mvn -B -q -Pbenchmark -pl benchmarks -am verify -DskipTests}; results go to {@code benchmarks/target}.
 * {@code -Dbenchmarks=telemetry,methods} runs only those (telemetry, c2d, methods, patches, footprint); the outbox
 * store comparison ({@link OutboxStoreComparison}, no emulator) runs with {@code -Dbenchmarks=outbox}.
 */
public final class BenchmarkMain {

    /** The benchmarks; a run takes all, or those named after the output directory. */
    private static final Set<String> ALL = Set.of("telemetry", "c2d", "methods", "patches", "footprint", "outbox");
    /** Those that run against the emulator. */
    private static final Set<String> EMULATED = Set.of("telemetry", "c2d", "methods", "patches", "footprint");
    private static final int ROUNDS = 5;
    private static final int WINDOW = 1000;
    private static final int TELEMETRY_MESSAGES = 50_000;
    /** Sending threads, the same on both sides: one, as a single route does, and several concurrent producers. */
    private static final int[] TELEMETRY_SENDERS = {1, 4};
    private static final int C2D_MESSAGES = 20_000;
    private static final int FOOTPRINT_DEVICES = 500;
    private static final int METHOD_CALLS = 2_000;
    private static final int CONCURRENT_CALLERS = 16;
    private static final int PATCHES = 20_000;
    private static final int OUTSTANDING_PATCHES = 16;

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path output = Path.of(args.length > 0 ? args[0] : "target");
        Set<String> selected = args.length > 1 ? Set.of(args[1].split(",")) : ALL;
        Report report = new Report();
        if (selected.contains("outbox")) {
            new OutboxStoreComparison(output).run(report);
        }
        boolean emulated = selected.stream().anyMatch(EMULATED::contains);
        if (emulated) {
            emulated(selected, report);
        }
        report.write(output, environment(emulated));
        System.out.println("Results: " + output.resolve("benchmark-results.md") + ", chart: " + output.resolve("benchmark-ratios.svg"));
    }

    private static void emulated(Set<String> selected, Report report) throws Exception {
        try (IotHubEmulator hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).bindHost("127.0.0.1")
                .telemetryCapacity(1000).start()) {
            SSLContext tls = Trust.trusting(hub.caCertificatePath());
            if (selected.contains("telemetry")) {
                telemetry(hub, tls, report);
            }
            if (selected.contains("c2d")) {
                cloudToDevice(hub, tls, report);
            }
            if (selected.contains("methods")) {
                methods(hub, tls, report);
            }
            if (selected.contains("patches")) {
                reportedPatches(hub, tls, report);
            }
            if (selected.contains("footprint")) {
                footprint(hub, tls, report);
            }
        }
    }

    private static void telemetry(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        Identity camelDevice = register(hub, "bench-telemetry-camel");
        ConnectionString pahoDevice = ConnectionString.parse(hub.connectionString(register(hub, "bench-telemetry-paho")));
        TelemetryThroughput throughput = new TelemetryThroughput(pahoDevice, hub.mqttPort(), tls, WINDOW);
        try (CamelDevices devices = new CamelDevices(hub)) {
            devices.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:telemetry").to(devices.uri("telemetry", camelDevice, "maxInflight=" + WINDOW));
                }
            });
            devices.start();
            devices.awaitConnected(1, Duration.ofSeconds(30));
            throughput.rawPaho(TELEMETRY_MESSAGES / 5, 1); // warm-up
            throughput.camel(devices.camel, "direct:telemetry", TELEMETRY_MESSAGES / 5, 1);
            for (int senders : TELEMETRY_SENDERS) {
                List<Double> paho = new ArrayList<>();
                List<Double> camel = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    paho.add(throughput.rawPaho(TELEMETRY_MESSAGES, senders));
                    camel.add(throughput.camel(devices.camel, "direct:telemetry", TELEMETRY_MESSAGES, senders));
                }
                report.add("telemetry msg/s, QoS 1, 256 B, TLS, window " + WINDOW + ", " + senders + " sending thread(s)",
                        rate(Stats.median(camel)), rate(Stats.median(paho)) + " (raw Paho async)",
                        Stats.median(camel) / Stats.median(paho), "ratio >= 0.9");
            }
        }
    }

    private static void cloudToDevice(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        CloudToDeviceRate rate = new CloudToDeviceRate(hub);
        List<Double> paho = new ArrayList<>();
        List<Double> camel = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            camel.add(rate.camel(register(hub, "bench-c2d-camel"), C2D_MESSAGES));
            paho.add(rate.rawPaho(register(hub, "bench-c2d-paho"), C2D_MESSAGES, tls));
        }
        report.add("C2D receive msg/s (hub queue of 50 kept full)", rate(Stats.median(camel)), rate(Stats.median(paho)) + " (raw Paho)",
                Stats.median(camel) / Stats.median(paho), "");
    }

    private static void methods(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        MethodLatency latency = new MethodLatency(hub);
        for (int callers : new int[] {1, CONCURRENT_CALLERS}) {
            double[] camel = latency.camel(register(hub, "bench-method-camel"), callers, METHOD_CALLS);
            double[] paho = latency.rawPaho(register(hub, "bench-method-paho"), callers, METHOD_CALLS, tls);
            String who = callers + (callers == 1 ? " caller" : " concurrent callers");
            report.add("method round trip p50, ms, " + who, millis(Stats.percentile(camel, 50)),
                    millis(Stats.percentile(paho, 50)) + " (raw Paho responder)", Stats.percentile(paho, 50) / Stats.percentile(camel, 50), "");
            report.add("method round trip p99, ms, " + who, millis(Stats.percentile(camel, 99)),
                    millis(Stats.percentile(paho, 99)) + " (raw Paho responder)", Stats.percentile(paho, 99) / Stats.percentile(camel, 99),
                    callers == 1 ? "p99 <= 5 ms" : "");
        }
    }

    private static void reportedPatches(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        ReportedPatchRate rate = new ReportedPatchRate(hub, OUTSTANDING_PATCHES);
        List<Double> paho = new ArrayList<>();
        List<Double> camel = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            camel.add(rate.camel(register(hub, "bench-patch-camel"), PATCHES));
            paho.add(rate.rawPaho(register(hub, "bench-patch-paho"), PATCHES, tls));
        }
        report.add("reported patches/s, " + OUTSTANDING_PATCHES + " outstanding", rate(Stats.median(camel)),
                rate(Stats.median(paho)) + " (raw Paho)", Stats.median(camel) / Stats.median(paho), "");
    }

    private static String millis(double value) {
        return format("%.2f", value);
    }

    private static void footprint(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        Footprint footprint = new Footprint(hub);
        Footprint.PerDevice camel = footprint.camel(register(hub, "bench-fp-camel", FOOTPRINT_DEVICES));
        Footprint.PerDevice paho = footprint.rawPaho(register(hub, "bench-fp-paho", FOOTPRINT_DEVICES), tls);
        String devices = " (" + FOOTPRINT_DEVICES + " devices in one JVM)";
        report.add("connect time per device, ms" + devices, format("%.1f", camel.connectMillis()),
                format("%.1f", paho.connectMillis()) + " (raw Paho, a thread per connect)", paho.connectMillis() / camel.connectMillis(), "");
        report.add("threads per device" + devices, format("%.2f", camel.threads()), format("%.2f", paho.threads()) + " (raw Paho)",
                paho.threads() / camel.threads(), "");
        report.add("heap per device, KiB" + devices, format("%.1f", camel.heapBytes() / 1024), format("%.1f", paho.heapBytes() / 1024) + " (raw Paho)",
                paho.heapBytes() / camel.heapBytes(), "");
    }

    private static Identity register(IotHubEmulator hub, String prefix) {
        return register(hub, prefix, 1).get(0);
    }

    private static List<Identity> register(IotHubEmulator hub, String prefix, int count) {
        long unique = System.nanoTime() % 100_000;
        return IntStream.range(0, count).mapToObj(i -> {
            hub.registry().addDevice(prefix + "-" + unique + "-" + i);
            return Identity.device(prefix + "-" + unique + "-" + i);
        }).toList();
    }

    private static String rate(double perSecond) {
        return format("%,.0f", perSecond);
    }

    private static String environment(boolean emulated) {
        Runtime runtime = Runtime.getRuntime();
        return format("Java %s, %d cores, max heap %d MiB%s; medians of %d rounds", System.getProperty("java.version"),
                runtime.availableProcessors(), runtime.maxMemory() >> 20, emulated ? ", emulator in the same JVM, TLS on loopback" : "",
                ROUNDS);
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
