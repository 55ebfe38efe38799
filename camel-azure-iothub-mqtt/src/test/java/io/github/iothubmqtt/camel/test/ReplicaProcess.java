package io.github.iothubmqtt.camel.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ReplicaMain} in a child JVM: what its routes saw complete ({@code done} lines, into a set shared by all
 * replicas of a test), the sends that failed for another reason than ownership, and the buckets it leads.
 */
public final class ReplicaProcess implements AutoCloseable {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Set<String> done;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicInteger failed = new AtomicInteger();
    private volatile String buckets = "[]";

    private ReplicaProcess(String name, Process process, Set<String> done) {
        this.name = name;
        this.process = process;
        this.done = done;
    }

    /** Starts a replica; the endpoint URIs are one per identity, with {@code sslContextParameters=#hubTls}. */
    public static ReplicaProcess start(String name, String cluster, int buckets, Path trustStore, String password,
            List<String> uris, Set<String> done) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ReplicaMain.class.getName(), name, cluster, Integer.toString(buckets), trustStore.toString(), password));
        command.addAll(uris);
        ReplicaProcess replica = new ReplicaProcess(name, new ProcessBuilder(command).redirectErrorStream(true).start(), done);
        Thread reader = new Thread(replica::follow, "replica-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        return replica;
    }

    public String name() {
        return name;
    }

    public boolean awaitStarted(Duration timeout) throws InterruptedException {
        return started.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The buckets the replica leads, as it last printed them, e.g. {@code [0, 3]}. */
    public String buckets() {
        return buckets;
    }

    /** How many buckets the replica leads, as it last printed them. */
    public int bucketCount() {
        String list = buckets;
        return list.equals("[]") ? 0 : list.split(",").length;
    }

    /** Sends that failed for another reason than the identity being owned elsewhere. */
    public int failed() {
        return failed.get();
    }

    /** SIGKILL: the replica dies with its connections and locks, as a crashed pod does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(KILL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("replica " + name + " did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void follow() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("done ")) {
                    done.add(line.substring("done ".length()));
                } else if (line.startsWith("buckets ")) {
                    buckets = line.substring("buckets ".length());
                } else if (line.equals("started")) {
                    started.countDown();
                } else {
                    if (line.startsWith("failed ")) {
                        failed.incrementAndGet();
                    }
                    System.out.println("[" + name + " " + System.nanoTime() / 1_000_000 + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process was killed: its output ends here
        }
    }
}
