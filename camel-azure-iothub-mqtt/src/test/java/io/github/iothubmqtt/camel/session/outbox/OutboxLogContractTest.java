package io.github.iothubmqtt.camel.session.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link OutboxLog} promises; each implementation runs it through a subclass. */
@Timeout(60)
abstract class OutboxLogContractTest {

    static final String TOPIC = "devices/device-1/messages/events/";

    /** A new, empty log; the subclass closes what it opened after each test. */
    abstract OutboxLog newLog();

    static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The test's id of an entry: what follows the topic's prefix. */
    static String id(Entry entry) {
        return entry.topic().substring(TOPIC.length());
    }

    static Entry append(OutboxLog log, String messageId) {
        return log.append(TOPIC + messageId, payload("payload of " + messageId)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void entriesComeOldestFirstWithIncreasingSequences() {
        OutboxLog log = newLog();
        Entry first = append(log, "m-1");
        Entry second = append(log, "m-2");
        Entry third = append(log, "m-3");

        assertThat(second.sequence()).isGreaterThan(first.sequence());
        assertThat(third.sequence()).isGreaterThan(second.sequence());
        assertThat(log.entries()).extracting(OutboxLogContractTest::id).containsExactly("m-1", "m-2", "m-3");
        assertThat(log.entries().get(1).payload()).isEqualTo(payload("payload of m-2"));
        assertThat(log.entries().get(1).topic()).isEqualTo(TOPIC + "m-2");
        assertThat(first.storedAtMillis()).isCloseTo(System.currentTimeMillis(), Offset.offset(60_000L));
    }

    @Test
    void removeForgetsOnlyThatEntryAndIgnoresUnknownSequences() {
        OutboxLog log = newLog();
        Entry first = append(log, "m-1");
        Entry second = append(log, "m-2");
        Entry third = append(log, "m-3");

        log.remove(second.sequence());
        log.remove(second.sequence());
        log.remove(third.sequence() + 1000);

        assertThat(log.entries()).extracting(Entry::sequence).containsExactly(first.sequence(), third.sequence());
    }

    @Test
    void countAndBytesFollowAppendsAndRemovals() {
        OutboxLog log = newLog();
        assertThat(log.count()).isZero();
        assertThat(log.bytes()).isZero();
        Entry first = append(log, "m-1");
        Entry second = append(log, "message-2");

        assertThat(log.count()).isEqualTo(2);
        assertThat(log.bytes()).isEqualTo(first.bytes() + second.bytes())
                .isEqualTo(2 * TOPIC.length() + "m-1".length() + "message-2".length()
                        + payload("payload of m-1").length + payload("payload of message-2").length);
        log.remove(first.sequence());
        assertThat(log.count()).isEqualTo(1);
        assertThat(log.bytes()).isEqualTo(second.bytes());
    }

    @Test
    void concurrentAppendsGetUniqueSequencesIncreasingPerThread() throws Exception {
        OutboxLog log = newLog();
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> appendAll(log, "t" + thread, perThread)));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> result : results) {
                List<Long> sequences = result.get(30, TimeUnit.SECONDS);
                assertThat(sequences).isSorted().doesNotHaveDuplicates();
                all.addAll(sequences);
            }
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(log.count()).isEqualTo(threads * perThread);
            assertThat(log.entries()).extracting(Entry::sequence).isSorted().containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Appends without waiting for each, as a route does, then waits for all. */
    private static List<Long> appendAll(OutboxLog log, String prefix, int count)
            throws ExecutionException, InterruptedException {
        List<CompletableFuture<Entry>> appended = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            appended.add(log.append(TOPIC + prefix + "-" + i, payload(prefix + i)));
        }
        List<Long> sequences = new ArrayList<>();
        for (CompletableFuture<Entry> future : appended) {
            sequences.add(future.get().sequence());
        }
        return sequences;
    }

    @Test
    void appendAfterCloseFailsClearly() {
        OutboxLog log = newLog();
        Entry kept = append(log, "m-1");
        log.close();

        assertThat(log.append(TOPIC + "m-2", payload("late")))
                .failsWithin(10, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class).havingCause().isInstanceOf(IllegalStateException.class)
                .withMessageContaining("closed");
        log.remove(kept.sequence());
        assertThat(log.entries()).extracting(OutboxLogContractTest::id).containsExactly("m-1");
    }
}
