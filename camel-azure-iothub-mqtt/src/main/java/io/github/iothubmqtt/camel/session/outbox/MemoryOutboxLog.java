package io.github.iothubmqtt.camel.session.outbox;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** An outbox log in memory: an append completes at once, and a JVM crash loses everything. Thread-safe. */
public final class MemoryOutboxLog extends IndexedOutboxLog {

    private final AtomicLong nextSequence = new AtomicLong(1);
    private volatile boolean closed;

    public MemoryOutboxLog() {
        super(new EntryIndex());
    }

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
    public void close() {
        closed = true;
    }
}
