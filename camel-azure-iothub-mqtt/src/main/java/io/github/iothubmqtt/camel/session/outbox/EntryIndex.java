package io.github.iothubmqtt.camel.session.outbox;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The entries of one log by sequence, with their count and bytes kept as counters so that neither walks the entries.
 * Thread-safe; adding and removing are O(log n).
 */
final class EntryIndex {

    private final ConcurrentSkipListMap<Long, Entry> entries = new ConcurrentSkipListMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();

    void add(Entry entry) {
        if (entries.putIfAbsent(entry.sequence(), entry) == null) {
            count.incrementAndGet();
            bytes.addAndGet(entry.bytes());
        }
    }

    /** Whether the entry was there. */
    boolean remove(long sequence) {
        Entry removed = entries.remove(sequence);
        if (removed == null) {
            return false;
        }
        count.decrementAndGet();
        bytes.addAndGet(-removed.bytes());
        return true;
    }

    List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    int count() {
        return count.get();
    }

    long bytes() {
        return bytes.get();
    }
}
