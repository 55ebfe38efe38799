package io.github.iothubmqtt.camel.session.outbox;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One identity's log in a {@link DurableOutboxStore}: reads from memory, writes through the store's writer. */
final class DurableOutboxLog implements OutboxLog {

    private final DurableOutboxStore store;
    private final String partition;
    private final EntryIndex index;
    private volatile boolean closed;

    DurableOutboxLog(DurableOutboxStore store, String partition, EntryIndex index) {
        this.store = store;
        this.partition = partition;
        this.index = index;
    }

    @Override
    public CompletableFuture<Entry> append(String topic, byte[] payload) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The outbox of " + partition + " is closed"));
        }
        return store.append(partition, index, topic, payload);
    }

    @Override
    public void remove(long sequence) {
        if (!closed && index.remove(sequence)) {
            store.remove(sequence);
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
        if (!closed) {
            closed = true;
            store.release(partition);
        }
    }
}
