package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.session.outbox.DurableOutboxStore;
import io.github.iothubmqtt.camel.session.outbox.OutboxLog;
import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The durable outbox store on its MVStore file against the same store (same group commit, same writer thread) on
 * SQLite, in the same run: synced appends from 1 and 4 threads, appends removed as soon as they complete (the hub
 * acknowledging at once), removals, and reopening 100,000 entries. Rounds alternate the candidates; medians reported.
 */
final class OutboxStoreComparison {

    private static final int ROUNDS = 5;
    private static final int MESSAGES = 100_000;
    private static final int PAYLOAD_BYTES = 200;
    /** Appends a thread has outstanding, as the telemetry benchmark's window. */
    private static final int WINDOW = 1000;
    /** Identities sharing the store, as on a small gateway. */
    private static final int PARTITIONS = 100;
    private static final int FSYNCS = 1000;

    private record Candidate(String name, Function<Path, DurableOutboxStore> open) {
    }

    private record Figures(List<Double> oneThread, List<Double> fourThreads, List<Double> acknowledged,
            List<Double> removals, List<Double> reopenMillis) {
        Figures() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    private final byte[] payload = new byte[PAYLOAD_BYTES];
    private final Path root;
    private int runs;

    OutboxStoreComparison(Path output) {
        this.root = output.resolve("outbox-comparison");
    }

    void run(Report report) throws Exception {
        deleteRecursively(root);
        Files.createDirectories(root);
        Candidate mvStore = new Candidate("MVStore", DurableOutboxStore::open);
        Candidate sqlite = new Candidate("SQLite", directory -> DurableOutboxStore.open(SqliteOutboxStorage.open(directory)));
        Figures mv = new Figures();
        Figures sql = new Figures();
        measure(mvStore, new Figures()); // warm-up
        measure(sqlite, new Figures());
        for (int round = 0; round < ROUNDS; round++) {
            measure(round % 2 == 0 ? mvStore : sqlite, round % 2 == 0 ? mv : sql);
            measure(round % 2 == 0 ? sqlite : mvStore, round % 2 == 0 ? sql : mv);
        }
        String sqliteName = " (SQLite, WAL, synchronous=FULL)";
        String goal = "component >= 20,000";
        report.add("outbox appends/s, 200 B, synced, group commit, 1 appending thread", rate(mv.oneThread()),
                rate(sql.oneThread()) + sqliteName, Stats.median(mv.oneThread()) / Stats.median(sql.oneThread()), goal);
        report.add("outbox appends/s, 200 B, synced, group commit, 4 appending threads", rate(mv.fourThreads()),
                rate(sql.fourThreads()) + sqliteName, Stats.median(mv.fourThreads()) / Stats.median(sql.fourThreads()), goal);
        report.add("outbox appends/s removed on completion (hub acknowledging at once), 4 threads", rate(mv.acknowledged()),
                rate(sql.acknowledged()) + sqliteName, Stats.median(mv.acknowledged()) / Stats.median(sql.acknowledged()), "");
        report.add("outbox removals/s of all " + 2 * MESSAGES + " entries, until written", rate(mv.removals()),
                rate(sql.removals()) + sqliteName, Stats.median(mv.removals()) / Stats.median(sql.removals()), "");
        report.add("outbox reopen with " + MESSAGES + " entries, ms", format("%.0f", Stats.median(mv.reopenMillis())),
                format("%.0f", Stats.median(sql.reopenMillis())) + sqliteName,
                Stats.median(sql.reopenMillis()) / Stats.median(mv.reopenMillis()), "");
        report.add("raw 4 KiB write + fsync per second on this disk, one at a time", format("%,.0f", fsyncsPerSecond()), "",
                Double.NaN, "");
        deleteRecursively(root);
    }

    private void measure(Candidate candidate, Figures figures) throws Exception {
        Path directory = root.resolve(candidate.name() + "-" + runs++);
        try (DurableOutboxStore store = candidate.open().apply(directory)) {
            figures.oneThread().add(appendRate(logs(store), 1, false));
        }
        long start = System.nanoTime();
        try (DurableOutboxStore store = candidate.open().apply(directory)) {
            figures.reopenMillis().add((System.nanoTime() - start) / 1e6);
            List<OutboxLog> logs = logs(store);
            check(logs.stream().mapToInt(OutboxLog::count).sum() == MESSAGES, "the reopened store lost entries");
            figures.fourThreads().add(appendRate(logs, 4, false));
            start = System.nanoTime();
            for (OutboxLog log : logs) {
                log.entries().forEach(entry -> log.remove(entry.sequence()));
            }
            store.close(); // writes the removals, which wait for an append or a second without one
            figures.removals().add(2.0 * MESSAGES / ((System.nanoTime() - start) / 1e9));
        }
        try (DurableOutboxStore store = candidate.open().apply(directory)) {
            List<OutboxLog> logs = logs(store);
            check(logs.stream().mapToInt(OutboxLog::count).sum() == 0, "removed entries came back");
            figures.acknowledged().add(appendRate(logs, 4, true));
        }
    }

    private static List<OutboxLog> logs(DurableOutboxStore store) {
        return IntStream.range(0, PARTITIONS).mapToObj(i -> store.log("bench.example.net/device-" + i)).toList();
    }

    /** Appends/s of {@link #MESSAGES} appends from {@code threads} threads, each with {@link #WINDOW} outstanding. */
    private double appendRate(List<OutboxLog> logs, int threads, boolean removeOnCompletion) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> appenders = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t * (MESSAGES / threads);
            Thread appender = new Thread(() -> {
                Semaphore window = new Semaphore(WINDOW);
                for (int i = first; i < first + MESSAGES / threads; i++) {
                    OutboxLog log = logs.get(i % PARTITIONS);
                    window.acquireUninterruptibly();
                    CompletableFuture<Entry> appended = log.append("devices/d/messages/events/%24.mid=m-" + i, payload);
                    appended.whenComplete((entry, error) -> {
                        if (error != null) {
                            failure.set(error);
                        } else if (removeOnCompletion) {
                            log.remove(entry.sequence());
                        }
                        window.release();
                    });
                }
                window.acquireUninterruptibly(WINDOW);
            });
            appender.start();
            appenders.add(appender);
        }
        for (Thread appender : appenders) {
            appender.join();
        }
        double rate = MESSAGES / ((System.nanoTime() - start) / 1e9);
        check(failure.get() == null, "an append failed: " + failure.get());
        return rate;
    }

    /** The disk's ceiling without group commit: what one synced write at a time achieves. */
    private double fsyncsPerSecond() throws IOException {
        Path file = root.resolve("fsync.bin");
        ByteBuffer block = ByteBuffer.allocate(4096);
        long start = System.nanoTime();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            for (int i = 0; i < FSYNCS; i++) {
                channel.write(block.clear(), (long) i * block.capacity());
                channel.force(true);
            }
        }
        return FSYNCS / ((System.nanoTime() - start) / 1e9);
    }

    private static void check(boolean condition, String failure) {
        if (!condition) {
            throw new IllegalStateException(failure);
        }
    }

    private static String rate(List<Double> values) {
        return format("%,.0f", Stats.median(values));
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String format(String pattern, Object... arguments) {
        return String.format(Locale.ROOT, pattern, arguments);
    }
}
