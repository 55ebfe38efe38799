package io.github.iothubmqtt.camel.session.outbox;

import java.util.concurrent.CompletableFuture;

/** One identity's log in a {@link DurableOutboxStore}: reads from memory, writes through the store's writer. */
final class DurableOutboxLog extends IndexedOutboxLog {

    private final DurableOutboxStore store;
    private final String partition;
    private volatile boolean closed;

    DurableOutboxLog(DurableOutboxStore store, String partition, EntryIndex index) {
        super(index);
        this.store = store;
        this.partition = partition;
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
    public void close() {
        if (!closed) {
            closed = true;
            store.release(partition);
        }
    }
}
