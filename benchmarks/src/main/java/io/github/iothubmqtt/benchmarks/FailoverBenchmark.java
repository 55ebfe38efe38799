package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.protocol.Identity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Ownership failover across replicas: two replicas ({@link FailoverMain}, each in its own JVM) share identities on the
 * file lock cluster service; once the first connects them all and the second stands by, the first is killed with
 * {@code kill -9}, and the measure is the time until the second has every identity connected. Connects are paced by
 * the component's default {@code connectRate}, as a real failover would be.
 */
final class FailoverBenchmark {

    private static final int IDENTITIES = 200;
    private static final int ROUNDS = 3;
    private static final long STANDBY_MILLIS = 2_000;
    private static final long WAIT_SECONDS = 120;
    private final Path output;

    FailoverBenchmark(Path output) {
        this.output = output;
    }

    void run(Report report) throws Exception {
        List<String> ids = IntStream.range(0, IDENTITIES).mapToObj(i -> "failover-" + i).toList();
        List<Long> failovers = new ArrayList<>();
        try (EmulatorProcess hub = EmulatorProcess.start(output, ids)) {
            Path strings = output.resolve("failover.txt");
            Files.write(strings, ids.stream().map(id -> hub.connectionString(Identity.device(id))).toList());
            for (int round = 0; round < ROUNDS; round++) {
                Path cluster = Files.createTempDirectory(output, "failover-cluster");
                try (Replica first = Replica.start("a", cluster, strings, hub, output)) {
                    first.awaitConnected(IDENTITIES); // alone, it leads every bucket
                    try (Replica second = Replica.start("b", cluster, strings, hub, output)) {
                        second.await(FailoverMain.STARTED);
                        Thread.sleep(STANDBY_MILLIS);
                        long killed = System.nanoTime();
                        first.kill();
                        second.awaitConnected(IDENTITIES);
                        failovers.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
                    }
                }
            }
        }
        System.out.println("failover rounds, ms: " + failovers);
        failovers.sort(Long::compare);
        report.add(
                String.format(Locale.ROOT,
                        "ownership failover after kill -9 of the owner, %d identities, 2 replicas, file lock,"
                                + " slowest of %d rounds, s",
                        IDENTITIES, ROUNDS),
                String.format(Locale.ROOT, "%.1f", failovers.get(ROUNDS - 1) / 1000.0),
                String.format(Locale.ROOT, "median %.1f", failovers.get(ROUNDS / 2) / 1000.0), Double.NaN, "");
    }

    /** A replica's JVM and the lines it printed. */
    private static final class Replica implements AutoCloseable {
        private final Process process;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private Replica(Process process) {
            this.process = process;
            Thread reader = new Thread(this::read, "replica-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Replica start(String name, Path cluster, Path strings, EmulatorProcess hub, Path output) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                    FailoverMain.class.getName(), name, cluster.toString(), strings.toString(), String.valueOf(hub.mqttPort()),
                    hub.caCertificate().toString());
            return new Replica(
                    new ProcessBuilder(command).redirectError(output.resolve("failover-" + name + ".err").toFile()).start());
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed: nothing more to read
            }
        }

        void awaitConnected(int identities) throws InterruptedException {
            await(FailoverMain.CONNECTED + identities);
        }

        void await(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            for (String line = ""; !line.equals(expected);) {
                line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("a replica did not print '" + expected + "' within " + WAIT_SECONDS + " s");
                }
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no lock released
            process.waitFor();
        }

        @Override
        public void close() throws InterruptedException {
            kill();
        }
    }
}
