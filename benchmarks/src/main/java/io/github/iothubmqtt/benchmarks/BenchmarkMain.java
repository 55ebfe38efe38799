package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.net.ssl.SSLContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Runs every benchmark over TLS on loopback and prints component / baseline ratios. Each pair runs alternately,
 * several rounds, and reports medians, because client and emulator share the cores. All but telemetry-cpu use one
 * in-process emulator; telemetry-cpu starts one in a child JVM and measures this JVM's CPU time, the client's alone.
 * Run: {@code mvn -B -q -Pbenchmark -pl benchmarks -am verify -DskipTests}; results go to {@code benchmarks/target}.
 * {@code -Dbenchmarks=telemetry,methods} runs only those (telemetry-cpu, telemetry, c2d, methods, patches, footprint);
 * the outbox store comparison ({@link OutboxStoreComparison}, no emulator) runs with {@code -Dbenchmarks=outbox}, and the
 * route through each outbox kind ({@link OutboxRouteThroughput}, emulator in a child JVM) with {@code outbox-route}, and
 * thousands of identities ({@link FleetBenchmark}, each side and the emulator in child JVMs) with {@code fleet}, and the
 * ownership failover between two replicas ({@link FailoverBenchmark}) with {@code failover}.
 */
public final class BenchmarkMain {

    /** The benchmarks; a run takes all, or those named after the output directory. */
    private static final Set<String> ALL = Set.of("telemetry-cpu", "telemetry", "c2d", "methods", "patches", "footprint",
            "outbox",
            "outbox-route", "fleet", "failover");
    /** Those that run against the in-process emulator. */
    private static final Set<String> IN_PROCESS = Set.of("telemetry", "c2d", "methods", "patches", "footprint");
    private static final String TELEMETRY_CPU = "telemetry-cpu";
    private static final String OUTBOX_ROUTE = "outbox-route";
    private static final int OUTBOX_ROUTE_MESSAGES = 50_000;
    private static final int ROUNDS = 5;
    /** More rounds for CPU per message: other work on the shared cores disturbs it too, if less than throughput. */
    private static final int CPU_ROUNDS = 9;
    /** About a second of CPU per round: process CPU time is counted in clock ticks of 10 ms. */
    private static final int TELEMETRY_CPU_MESSAGES = 100_000;
    private static final String CPU_CAMEL_DEVICE = "bench-cpu-camel";
    private static final String CPU_PAHO_DEVICE = "bench-cpu-paho";
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
        if (selected.contains(TELEMETRY_CPU)) { // first, before an in-process emulator shares this JVM
            telemetryCpu(output, report);
        }
        if (selected.contains("fleet")) {
            new FleetBenchmark(output).run(report);
        }
        if (selected.contains("failover")) {
            new FailoverBenchmark(output).run(report);
        }
        if (selected.contains(OUTBOX_ROUTE)) {
            outboxRoute(output, report);
        }
        boolean inProcess = selected.stream().anyMatch(IN_PROCESS::contains);
        if (inProcess) {
            inProcess(selected, report);
        }
        report.write(output, environment(inProcess));
        System.out.println(
                "Results: " + output.resolve("benchmark-results.md") + ", chart: " + output.resolve("benchmark-ratios.svg"));
    }

    private static void inProcess(Set<String> selected, Report report) throws Exception {
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

    /** Client CPU per message with the emulator in a child JVM: this JVM then runs only the two clients. */
    private static void telemetryCpu(Path output, Report report) throws Exception {
        try (EmulatorProcess hub = EmulatorProcess.start(output, List.of(CPU_CAMEL_DEVICE, CPU_PAHO_DEVICE));
                CamelDevices devices = new CamelDevices(Trust.trustStore(hub.caCertificate()), hub.mqttPort(),
                        hub::connectionString)) {
            ConnectionString pahoDevice = ConnectionString.parse(hub.connectionString(Identity.device(CPU_PAHO_DEVICE)));
            TelemetryThroughput telemetry = new TelemetryThroughput(pahoDevice, hub.mqttPort(),
                    Trust.trusting(hub.caCertificate()), WINDOW);
            for (TelemetryRounds rounds : telemetryRounds(devices, Identity.device(CPU_CAMEL_DEVICE), telemetry,
                    TELEMETRY_CPU_MESSAGES,
                    CPU_ROUNDS)) {
                double camel = median(rounds.camel(), TelemetryThroughput.Round::cpuMicrosPerMessage);
                double paho = median(rounds.paho(), TelemetryThroughput.Round::cpuMicrosPerMessage);
                System.out.println("client CPU µs/msg per round, " + rounds.senders() + " sending thread(s): iothub-mqtt "
                        + micros(rounds.camel()) + ", raw Paho " + micros(rounds.paho()));
                System.out.println("client CPU µs/msg by thread, medians, " + rounds.senders()
                        + " sending thread(s), iothub-mqtt / raw Paho: " + byThread(rounds.camel(), rounds.paho()));
                // each round of the route ran right after one of raw Paho: comparing within those pairs cancels what
                // the shared machine did to both, which the ratio of the two medians does not
                double pairedSpeed = Stats.median(IntStream.range(0, rounds.camel().size())
                        .mapToObj(i -> rounds.paho().get(i).cpuMicrosPerMessage() / rounds.camel().get(i).cpuMicrosPerMessage())
                        .toList());
                System.out.println("relative speed, " + rounds.senders() + " sending thread(s): median of the pairs "
                        + format("%.3f", pairedSpeed) + ", ratio of the medians " + format("%.3f", paho / camel));
                report.add("telemetry client CPU µs/msg, emulator out of process, QoS 1, 256 B, TLS, window " + WINDOW + ", "
                        + rounds.senders() + " sending thread(s); relative speed: median of the rounds' pairs",
                        format("%.2f", camel), format("%.2f", paho) + " (raw Paho async)",
                        pairedSpeed, "at most 1.1× raw Paho (ratio >= 0.91)");
            }
        }
    }

    /** The route through no outbox, the memory outbox and the disk outbox, alternately, with raw Paho for reference. */
    private static void outboxRoute(Path output, Report report) throws Exception {
        List<String> deviceIds = new ArrayList<>(
                OutboxRouteThroughput.KINDS.stream().map(kind -> "bench-outbox-" + kind).toList());
        deviceIds.add(CPU_PAHO_DEVICE);
        Path outboxDirectory = output.resolve("outbox-route");
        try (EmulatorProcess hub = EmulatorProcess.start(output, deviceIds);
                CamelDevices devices = new CamelDevices(Trust.trustStore(hub.caCertificate()), hub.mqttPort(),
                        hub::connectionString)) {
            ConnectionString pahoDevice = ConnectionString.parse(hub.connectionString(Identity.device(CPU_PAHO_DEVICE)));
            TelemetryThroughput telemetry = new TelemetryThroughput(pahoDevice, hub.mqttPort(),
                    Trust.trusting(hub.caCertificate()), WINDOW);
            OutboxRouteThroughput outboxes = new OutboxRouteThroughput(devices, telemetry, outboxDirectory, WINDOW,
                    kind -> Identity.device("bench-outbox-" + kind));
            for (int senders : TELEMETRY_SENDERS) {
                Map<String, List<OutboxRouteThroughput.Round>> rounds = new LinkedHashMap<>();
                List<Double> paho = new ArrayList<>();
                for (int round = -1; round < ROUNDS; round++) { // round -1 warms every path up and is not counted
                    TelemetryThroughput.Round raw = telemetry.rawPaho(OUTBOX_ROUTE_MESSAGES, senders);
                    if (round >= 0) {
                        paho.add(raw.perSecond());
                    }
                    for (String kind : OutboxRouteThroughput.KINDS) {
                        OutboxRouteThroughput.Round measured = outboxes.run(kind, OUTBOX_ROUTE_MESSAGES, senders);
                        if (round >= 0) {
                            rounds.computeIfAbsent(kind, k -> new ArrayList<>()).add(measured);
                        }
                    }
                }
                rounds.forEach((kind, measured) -> System.out.println("outbox=" + kind + ", " + senders
                        + " sending thread(s), completed/delivered msg/s per round: "
                        + OutboxRouteThroughput.describe(measured)));
                String setup = ", QoS 1, 256 B, TLS, window " + WINDOW + ", " + senders
                        + " sending thread(s), emulator out of process";
                double none = Stats.median(OutboxRouteThroughput.completed(rounds.get("none")));
                for (String kind : List.of("memory", "disk")) {
                    double completed = Stats.median(OutboxRouteThroughput.completed(rounds.get(kind)));
                    double delivered = Stats.median(OutboxRouteThroughput.delivered(rounds.get(kind)));
                    report.add("telemetry msg/s completed, outbox=" + kind + setup, rate(completed),
                            rate(none) + " (outbox=none)",
                            completed / none, "disk".equals(kind) ? "20,000 durable msg/s" : "");
                    report.add("telemetry msg/s acknowledged by the hub, outbox=" + kind + setup, rate(delivered),
                            rate(none) + " (outbox=none)", delivered / none, "");
                }
                report.add("telemetry msg/s, outbox=none" + setup, rate(none), rate(Stats.median(paho)) + " (raw Paho async)",
                        none / Stats.median(paho), "");
            }
        }
    }

    private static void telemetry(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        Identity camelDevice = register(hub, "bench-telemetry-camel");
        ConnectionString pahoDevice = ConnectionString.parse(hub.connectionString(register(hub, "bench-telemetry-paho")));
        TelemetryThroughput telemetry = new TelemetryThroughput(pahoDevice, hub.mqttPort(), tls, WINDOW);
        try (CamelDevices devices = new CamelDevices(hub)) {
            for (TelemetryRounds rounds : telemetryRounds(devices, camelDevice, telemetry, TELEMETRY_MESSAGES, ROUNDS)) {
                double camel = median(rounds.camel(), TelemetryThroughput.Round::perSecond);
                double paho = median(rounds.paho(), TelemetryThroughput.Round::perSecond);
                report.add(
                        "telemetry msg/s, QoS 1, 256 B, TLS, window " + WINDOW + ", " + rounds.senders() + " sending thread(s)",
                        rate(camel), rate(paho) + " (raw Paho async)", camel / paho, "ratio >= 0.9");
            }
        }
    }

    /** The rounds of raw Paho and of the route with one number of sending threads. */
    private record TelemetryRounds(int senders, List<TelemetryThroughput.Round> paho, List<TelemetryThroughput.Round> camel) {
    }

    /**
     * Starts the route {@code direct → iothub-mqtt:telemetry} for the device; then, for each number of sending threads,
     * warms both sides up and runs raw Paho and the route alternately, {@code rounds} times each.
     */
    private static List<TelemetryRounds> telemetryRounds(CamelDevices devices, Identity camelDevice,
            TelemetryThroughput telemetry,
            int messages, int rounds) throws Exception {
        devices.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:telemetry").to(devices.uri("telemetry", camelDevice, "maxInflight=" + WINDOW));
            }
        });
        devices.start();
        devices.awaitConnected(1, Duration.ofSeconds(30));
        List<TelemetryRounds> results = new ArrayList<>();
        for (int senders : TELEMETRY_SENDERS) {
            // a whole round of each first: after a shorter warm-up the first measured round cost up to twice the CPU (JIT)
            telemetry.rawPaho(messages, senders);
            telemetry.camel(devices.camel, "direct:telemetry", messages, senders);
            List<TelemetryThroughput.Round> paho = new ArrayList<>();
            List<TelemetryThroughput.Round> camel = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                paho.add(telemetry.rawPaho(messages, senders));
                camel.add(telemetry.camel(devices.camel, "direct:telemetry", messages, senders));
            }
            results.add(new TelemetryRounds(senders, paho, camel));
        }
        return results;
    }

    private static double median(List<TelemetryThroughput.Round> rounds, ToDoubleFunction<TelemetryThroughput.Round> figure) {
        return Stats.median(rounds.stream().map(figure::applyAsDouble).toList());
    }

    private static String byThread(List<TelemetryThroughput.Round> camel, List<TelemetryThroughput.Round> paho) {
        return camel.get(0).cpuMicrosByThread().keySet().stream()
                .map(group -> format("%s %.2f / %.2f", group, median(camel, round -> round.cpuMicrosByThread().get(group)),
                        median(paho, round -> round.cpuMicrosByThread().get(group))))
                .collect(Collectors.joining(", "));
    }

    private static String micros(List<TelemetryThroughput.Round> rounds) {
        return rounds.stream().map(round -> format("%.2f", round.cpuMicrosPerMessage())).toList().toString();
    }

    private static void cloudToDevice(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        CloudToDeviceRate rate = new CloudToDeviceRate(hub);
        List<Double> paho = new ArrayList<>();
        List<Double> camel = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            camel.add(rate.camel(register(hub, "bench-c2d-camel"), C2D_MESSAGES));
            paho.add(rate.rawPaho(register(hub, "bench-c2d-paho"), C2D_MESSAGES, tls));
        }
        report.add("C2D receive msg/s (hub queue of 50 kept full)", rate(Stats.median(camel)),
                rate(Stats.median(paho)) + " (raw Paho)",
                Stats.median(camel) / Stats.median(paho), "");
    }

    private static void methods(IotHubEmulator hub, SSLContext tls, Report report) throws Exception {
        MethodLatency latency = new MethodLatency(hub);
        for (int callers : new int[] {1, CONCURRENT_CALLERS}) {
            double[] camel = latency.camel(register(hub, "bench-method-camel"), callers, METHOD_CALLS);
            double[] paho = latency.rawPaho(register(hub, "bench-method-paho"), callers, METHOD_CALLS, tls);
            String who = callers + (callers == 1 ? " caller" : " concurrent callers");
            report.add("method round trip p50, ms, " + who, millis(Stats.percentile(camel, 50)),
                    millis(Stats.percentile(paho, 50)) + " (raw Paho responder)",
                    Stats.percentile(paho, 50) / Stats.percentile(camel, 50), "");
            report.add("method round trip p99, ms, " + who, millis(Stats.percentile(camel, 99)),
                    millis(Stats.percentile(paho, 99)) + " (raw Paho responder)",
                    Stats.percentile(paho, 99) / Stats.percentile(camel, 99),
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
                format("%.1f", paho.connectMillis()) + " (raw Paho, a thread per connect)",
                paho.connectMillis() / camel.connectMillis(), "");
        report.add("threads per device" + devices, format("%.2f", camel.threads()),
                format("%.2f", paho.threads()) + " (raw Paho)",
                paho.threads() / camel.threads(), "");
        report.add("heap per device, KiB" + devices, format("%.1f", camel.heapBytes() / 1024),
                format("%.1f", paho.heapBytes() / 1024) + " (raw Paho)",
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

    private static String environment(boolean inProcess) {
        Runtime runtime = Runtime.getRuntime();
        return format("Java %s, %d cores, max heap %d MiB, TLS on loopback%s; medians of %d rounds (%d for client CPU)",
                System.getProperty("java.version"), runtime.availableProcessors(), runtime.maxMemory() >> 20,
                inProcess ? ", emulator in the same JVM (telemetry client CPU: in its own process)" : "", ROUNDS, CPU_ROUNDS);
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
