package io.github.iothubmqtt.camel.session.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.iothubmqtt.camel.session.outbox.AppenderProcess.Ack;
import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that appends to the store (kill -9, mid-stream) and checks what the store kept. */
class DurableOutboxLogCrashTest {

    private static final int RUNS = 3;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @TempDir
    Path logs;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyAcknowledgedEntrySurvivesKillAndSequencesKeepIncreasing() throws Exception {
        Random random = new Random();
        List<Ack> acknowledged = new ArrayList<>();
        long lastSequence = 0;
        for (int run = 0; run < RUNS; run++) {
            List<Ack> acks;
            try (AppenderProcess child = AppenderProcess.start(directory, "run" + run, logs.resolve("run" + run + ".err"))) {
                child.awaitAcks(500 + random.nextInt(5000), ACK_TIMEOUT);
                child.kill();
                acks = child.acks();
            }
            long before = lastSequence;
            assertThat(acks).as("sequences after a kill").allSatisfy(ack -> assertThat(ack.sequence()).isGreaterThan(before));
            acknowledged.addAll(acks);

            try (DurableOutboxStore store = DurableOutboxStore.open(directory)) {
                List<OutboxLog> partitions = IntStream.range(0, OutboxAppender.PARTITIONS)
                        .mapToObj(partition -> store.log(OutboxAppender.partition(partition))).toList();
                Map<Long, Stored> stored = storedEntries(partitions);
                assertThat(stored.values()).as("every stored entry is intact")
                        .allSatisfy(DurableOutboxLogCrashTest::assertIntact);
                assertThat(acknowledged).filteredOn(ack -> !OutboxAppender.removedOnAck(ack.counter()))
                        .as("acknowledged and not removed").allSatisfy(ack -> {
                            Stored entry = stored.get(ack.sequence());
                            assertThat(entry).as("entry %s", ack).isNotNull();
                            assertThat(OutboxAppender.messageId(entry.entry().topic())).isEqualTo(ack.messageId());
                            assertThat(entry.partition()).isEqualTo(ack.partition());
                        });
                long maxAcked = acks.stream().mapToLong(Ack::sequence).max().orElse(before);
                String messageId = "parent-" + run;
                Entry next = partitions.get(0).append(OutboxAppender.topic(0, messageId), OutboxAppender.payload(messageId))
                        .get(10, TimeUnit.SECONDS);
                assertThat(next.sequence()).isGreaterThan(maxAcked);
                lastSequence = next.sequence();
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStoreOpenInAnotherProcessIsRefusedUntilThatProcessDies() throws Exception {
        try (AppenderProcess child = AppenderProcess.start(directory, "holder", logs.resolve("holder.err"))) {
            child.awaitAcks(10, ACK_TIMEOUT); // some of partition 1 among them: partition 0's are removed on ack

            assertThatThrownBy(() -> DurableOutboxStore.open(directory))
                    .isInstanceOf(OutboxStoreException.class)
                    .hasMessageContaining("is locked: another process, or another store in this JVM, has this outbox open");
            child.kill();
        }
        try (DurableOutboxStore store = DurableOutboxStore.open(directory)) {
            assertThat(store.log(OutboxAppender.partition(1)).count()).isPositive();
        }
    }

    private record Stored(int partition, Entry entry) {
    }

    private static Map<Long, Stored> storedEntries(List<OutboxLog> partitions) {
        Map<Long, Stored> stored = new HashMap<>();
        for (int partition = 0; partition < partitions.size(); partition++) {
            List<Entry> entries = partitions.get(partition).entries();
            assertThat(entries).extracting(Entry::sequence).isSorted();
            for (Entry entry : entries) {
                stored.put(entry.sequence(), new Stored(partition, entry));
            }
        }
        return stored;
    }

    private static void assertIntact(Stored stored) {
        Entry entry = stored.entry();
        String messageId = OutboxAppender.messageId(entry.topic());
        assertThat(entry.payload()).as("payload of %s", messageId).isEqualTo(OutboxAppender.payload(messageId));
        assertThat(entry.topic()).isEqualTo(OutboxAppender.topic(stored.partition(), messageId));
    }
}
