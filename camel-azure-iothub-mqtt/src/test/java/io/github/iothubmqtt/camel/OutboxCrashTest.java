package io.github.iothubmqtt.camel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.OutboxSenderMain;
import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the Camel JVM mid-stream, three times, with the disk outbox: every message whose exchange the route saw
 * complete reaches the hub once a JVM opens the outbox again. Duplicates (sent, then killed before the removal was
 * synced) are counted and allowed: the back end drops them by {@code $.mid}.
 */
class OutboxCrashTest extends EmulatorTestSupport {

    private static final int RUNS = 3;
    private static final int PER_RUN = 5_000;
    private static final int KILL_AFTER_DONE = 1_500;
    private static final String PASSWORD = "crash-test";
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path directory;

    @Test
    void everyMessageTheRouteSawCompleteArrivesAfterKillNine() throws Exception {
        Identity device = newDevice("crash");
        Path trustStore = directory.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            hub.trustStore().store(out, PASSWORD.toCharArray());
        }
        String endpoint = uri("telemetry", device, "outbox=disk&outboxDirectory=" + directory.resolve("outbox")
                + "&reconnectBackoffMin=50&reconnectBackoffMax=200");
        Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
        Set<String> done = ConcurrentHashMap.newKeySet();
        try (AutoCloseable listener = hub.service().onTelemetry(message -> {
            if (message.identity().equals(device)) {
                received.computeIfAbsent(message.bodyAsString(), k -> new AtomicInteger()).incrementAndGet();
            }
        })) {
            for (int run = 0; run < RUNS; run++) {
                Process sender = start(endpoint, trustStore, run * PER_RUN, PER_RUN);
                CountDownLatch enough = new CountDownLatch(KILL_AFTER_DONE);
                follow(sender, line -> {
                    if (line.startsWith("done ")) {
                        done.add(line.substring(5));
                        enough.countDown();
                    }
                });
                assertThat(enough.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("run %d made progress", run).isTrue();
                sender.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS); // kill -9, mid-stream
            }
            Process drain = start(endpoint, trustStore, 0, 0);
            follow(drain, line -> {
            });
            try {
                // a fresh JVM, its TLS and the stored backlog: generous on a loaded machine, bounded all the same
                await().atMost(DRAIN_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                        .until(() -> received.keySet().containsAll(done));
            } finally {
                drain.destroyForcibly().waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
        }
        long duplicates = received.values().stream().mapToInt(AtomicInteger::get).filter(n -> n > 1).count();
        System.out.printf("[outbox, JVM kill -9 x%d] %d exchanges completed, %d lost, %d duplicated, %d received that had"
                + " not completed when the JVM died%n", RUNS, done.size(),
                done.stream().filter(d -> !received.containsKey(d)).count(),
                duplicates, received.size() - done.size());
        assertThat(received.keySet()).containsAll(done);
        assertThat(done).hasSizeGreaterThanOrEqualTo(RUNS * KILL_AFTER_DONE);
    }

    private static Process start(String endpoint, Path trustStore, int first, int count) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OutboxSenderMain.class.getName(),
                endpoint, trustStore.toString(), PASSWORD, Integer.toString(first), Integer.toString(count))
                .redirectErrorStream(true).start();
    }

    /** Reads the child's output on a daemon thread until it ends. */
    private static void follow(Process process, Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process was killed: its output ends here
            }
        }, "crash-test-output");
        reader.setDaemon(true);
        reader.start();
    }
}
