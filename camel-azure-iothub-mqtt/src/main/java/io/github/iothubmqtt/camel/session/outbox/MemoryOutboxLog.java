package io.github.iothubmqtt.camel.session.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** An outbox log in memory: an append completes at once, and a JVM crash loses everything. Thread-safe. */
public final class MemoryOutboxLog implements OutboxLog {

    private final EntryIndex index = new EntryIndex();
    private final AtomicLong nextSequence = new AtomicLong(1);
    private volatile boolean closed;

    @Override
    public CompletableFuture<Entry> append(String topic, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The in-memory outbox is closed"));
        }
        Entry entry = new Entry(nextSequence.getAndIncrement(), System.currentTimeMillis(), topic, payload);
        index.add(entry);
        return CompletableFuture.completedFuture(entry);
    }

    @Override
    public void remove(long sequence) {
        if (!closed) {
            index.remove(sequence);
        }
    }

    @Override
    public List<Entry> entries() {
        return index.entries();
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public long bytes() {
        return index.bytes();
    }

    @Override
    public void close() {
        closed = true;
    }
}
