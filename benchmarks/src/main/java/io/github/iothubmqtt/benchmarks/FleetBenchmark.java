package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.protocol.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Thousands of identities in one JVM: each side ({@link FleetMain}) runs alone in a child JVM against one emulator
 * process that has every identity registered. Raw Paho connects the fleet once to warm the emulator up, uncounted;
 * then one fleet endpoint, raw Paho, a route per identity and the same routes without the component. On
 * this JVM's Java and on a Java 21+ given by {@code -Dbenchmark.java21=<path to java>} (default: the Temurin 25 these
 * machines have). Also the SAS renewal spread of 500 identities.
 */
final class FleetBenchmark {

    /** The pom's {@code benchmark.fleetSizes}. */
    private static final int[] SIZES = Arrays.stream(System.getProperty("benchmark.fleetSizes").split(","))
            .mapToInt(Integer::parseInt).toArray();
    private static final int GOAL_SIZE = 10_000;
    /** Java 17 runs three platform threads per identity on either side: 30,000 at 10,000 identities, near pid_max. */
    private static final int MAX_PLATFORM_THREAD_FLEET = 2_000;
    private static final int CONNECTS_IN_PROGRESS = 64;
    private static final int RENEWAL_IDENTITIES = 500;
    private static final int RENEWAL_TTL_SECONDS = 60;
    private static final long CHILD_MINUTES = 15;
    private final Path output;

    FleetBenchmark(Path output) {
        this.output = output;
    }

    void run(Report report) throws Exception {
        List<Java> javas = javas();
        for (int size : SIZES) {
            List<String> ids = IntStream.range(0, size).mapToObj(i -> "fleet-" + i).toList();
            try (EmulatorProcess hub = EmulatorProcess.start(output, ids)) {
                Path strings = output.resolve("fleet-" + size + ".txt");
                Files.write(strings, ids.stream().map(id -> hub.connectionString(Identity.device(id))).toList());
                for (Java java : javas) {
                    if (!java.virtualThreads() && size > MAX_PLATFORM_THREAD_FLEET) {
                        System.out
                                .println("fleet of " + size + " on " + java + ": skipped, three platform threads per identity");
                        continue;
                    }
                    // the emulator's JIT warms up on the first side that connects the fleet: not counted
                    child(java, "paho", strings, hub, List.of());
                    Map<String, String> fleet = child(java, "fleet", strings, hub, List.of());
                    Map<String, String> paho = child(java, "paho", strings, hub, List.of());
                    Map<String, String> routes = child(java, "routes", strings, hub, List.of());
                    Map<String, String> plain = child(java, "plain", strings, hub, List.of());
                    String setup = String.format(Locale.ROOT, "%,d identities, %s", size, java);
                    addFleetEndpoint(report, setup, size, java, fleet, paho);
                    addRoutePerIdentity(report, setup, size, routes, paho, plain);
                }
            }
        }
        renewalSpread(javas.get(javas.size() - 1), report);
    }

    /** The gateway's shape: one route to one endpoint that serves every identity. */
    private static void addFleetEndpoint(Report report, String setup, int size, Java java, Map<String, String> fleet,
            Map<String, String> paho) {
        report.add("all connected and one message each acknowledged, one fleet endpoint, s, " + setup,
                format("%.1f", seconds(fleet, "millis")), format("%.1f", seconds(paho, "millis")) + " (raw Paho)",
                ratio(paho, fleet, "millis"), "no slower than raw Paho");
        report.add("client CPU per identity (process, start to last acknowledgement), one fleet endpoint, ms, " + setup,
                perIdentity(fleet, "cpuMillis", size, 1), perIdentity(paho, "cpuMillis", size, 1) + " (raw Paho)",
                ratio(paho, fleet, "cpuMillis"), "");
        boolean goals = java.virtualThreads() && size == GOAL_SIZE;
        report.add("platform threads per identity, one fleet endpoint, " + setup, perIdentity(fleet, "threads", size, 1),
                perIdentity(paho, "threads", size, 1) + " (raw Paho)", ratio(paho, fleet, "threads"),
                goals ? "at most 0.1" : "");
        report.add("heap per identity, one fleet endpoint, KiB, " + setup, perIdentity(fleet, "heapBytes", size, 1024),
                perIdentity(paho, "heapBytes", size, 1024) + " (raw Paho)", ratio(paho, fleet, "heapBytes"),
                goals ? "at most 40" : "");
        report.add("RSS per identity, one fleet endpoint, KiB, " + setup, perIdentity(fleet, "rssBytes", size, 1024),
                perIdentity(paho, "rssBytes", size, 1024) + " (raw Paho)", ratio(paho, fleet, "rssBytes"), "");
    }

    /** A route per identity, each endpoint with its own connection string: Camel's route start is part of it. */
    private static void addRoutePerIdentity(Report report, String setup, int size, Map<String, String> routes,
            Map<String, String> paho, Map<String, String> plain) {
        report.add("all connected and one message each acknowledged, a route per identity, s, " + setup,
                format("%.1f", seconds(routes, "millis")), format("%.1f", seconds(paho, "millis")) + " (raw Paho)",
                ratio(paho, routes, "millis"), "");
        // what Camel itself spends starting the same routes (to direct:) would be spent by any Camel route
        double ownSeconds = seconds(routes, "millis") - seconds(plain, "startMillis");
        report.add("the same without what starting the routes costs Camel itself (minus the direct: routes' start), s, "
                + setup, format("%.1f", ownSeconds), format("%.1f", seconds(paho, "millis")) + " (raw Paho)",
                seconds(paho, "millis") / ownSeconds, "");
        report.add("of which CamelContext.start() with a route per identity, s, " + setup,
                format("%.1f", seconds(routes, "startMillis")), format("%.1f", seconds(plain, "startMillis"))
                        + " (the same routes to direct:)",
                seconds(plain, "startMillis") / seconds(routes, "startMillis"), "");
        report.add("client CPU per identity (process, start to last acknowledgement), a route per identity, ms, " + setup,
                perIdentity(routes, "cpuMillis", size, 1), perIdentity(paho, "cpuMillis", size, 1) + " (raw Paho), "
                        + perIdentity(plain, "cpuMillis", size, 1) + " (the same routes to direct:, started only)",
                ratio(paho, routes, "cpuMillis"), "");
        report.add("heap per identity, a route per identity, KiB, " + setup, perIdentity(routes, "heapBytes", size, 1024),
                perIdentity(paho, "heapBytes", size, 1024) + " (raw Paho)", ratio(paho, routes, "heapBytes"), "");
    }

    private void renewalSpread(Java java, Report report) throws Exception {
        List<String> ids = IntStream.range(0, RENEWAL_IDENTITIES).mapToObj(i -> "renewing-" + i).toList();
        try (EmulatorProcess hub = EmulatorProcess.start(output, ids)) {
            Path strings = output.resolve("renewing.txt");
            Files.write(strings, ids.stream().map(id -> hub.connectionString(Identity.device(id))).toList());
            Map<String, String> result = child(java, "renewals", strings, hub, List.of(String.valueOf(RENEWAL_TTL_SECONDS)));
            double peak = Double.parseDouble(result.get("renewalPeak")) / RENEWAL_IDENTITIES;
            report.add("SAS renewals in the busiest second, " + RENEWAL_IDENTITIES + " identities, TTL " + RENEWAL_TTL_SECONDS
                    + " s, "
                    + java, format("%.1f %%", peak * 100), "", Double.NaN, "at most 5 %");
        }
    }

    private Map<String, String> child(Java java, String side, Path strings, EmulatorProcess hub, List<String> extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(java.executable(), "-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), FleetMain.class.getName(), side, strings.toString(),
                        String.valueOf(hub.mqttPort()), hub.caCertificate().toString(), String.valueOf(CONNECTS_IN_PROGRESS)));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectError(output.resolve("fleet-" + side + ".err").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(FleetMain.RESULT)) {
                    System.out.println(side + ", " + java + ": " + line);
                    return parse(line.substring(FleetMain.RESULT.length()));
                }
            }
        } finally {
            if (!process.waitFor(CHILD_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
        }
        throw new IllegalStateException(side + " on " + java + " printed no result (exit " + process.exitValue() + "); see "
                + output.resolve("fleet-" + side + ".err"));
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }

    /** This JVM, and a Java 21+ when there is one. */
    private static List<Java> javas() {
        List<Java> javas = new ArrayList<>();
        javas.add(new Java(Path.of(System.getProperty("java.home"), "bin", "java").toString(), Runtime.version().feature()));
        Path java21 = Path.of(System.getProperty("benchmark.java21", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        if (Runtime.version().feature() < 21 && Files.isExecutable(java21)) {
            javas.add(new Java(java21.toString(), featureVersion(java21)));
        }
        return javas;
    }

    private static int featureVersion(Path executable) {
        try {
            Process version = new ProcessBuilder(executable.toString(), "-version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor();
            Matcher matcher = Pattern.compile("version \"(\\d+)").matcher(text);
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 21;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Java(String executable, int feature) {
        boolean virtualThreads() {
            return feature >= 21;
        }

        @Override
        public String toString() {
            return "Java " + feature;
        }
    }

    private static double seconds(Map<String, String> result, String key) {
        return Double.parseDouble(result.get(key)) / 1000;
    }

    private static String perIdentity(Map<String, String> result, String key, int size, double unit) {
        return format("%.3f", Double.parseDouble(result.get(key)) / unit / size);
    }

    private static double ratio(Map<String, String> baseline, Map<String, String> component, String key) {
        return Double.parseDouble(baseline.get(key)) / Double.parseDouble(component.get(key));
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
