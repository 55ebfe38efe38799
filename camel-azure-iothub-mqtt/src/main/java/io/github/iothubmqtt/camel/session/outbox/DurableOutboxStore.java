package io.github.iothubmqtt.camel.session.outbox;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import io.github.iothubmqtt.camel.session.outbox.OutboxStorage.Contents;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The durable outboxes of all identities of a component: one file in one directory and one writer thread, however many
 * identities (a gateway may carry thousands). {@link #log(String)} hands out each identity's log. An append completes
 * once its entry is synced to disk, so it survives a crash of the JVM or of the machine; appends of concurrent callers
 * share one sync. The entries are also kept in memory while stored, so the outbox's byte bound bounds the heap too.
 */
public final class DurableOutboxStore implements AutoCloseable {

    private final OutboxStorage storage;
    private final GroupCommitWriter writer;
    private final ConcurrentMap<String, EntryIndex> partitions = new ConcurrentHashMap<>();
    private final Set<String> openLogs = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DurableOutboxStore(OutboxStorage storage) {
        this.storage = storage;
        Contents contents;
        try {
            contents = storage.read();
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
        contents.entries().forEach(stored -> index(stored.partition()).add(stored.entry()));
        this.writer = new GroupCommitWriter(storage, contents.nextSequence());
    }

    /**
     * Opens the outbox in {@code directory}, creating both if needed, and locks its file for this store until
     * {@link #close()}.
     *
     * @throws OutboxStoreException if the directory cannot be created or written, or its file is locked: another
     *                              process, or another store in this JVM, has this outbox open
     */
    public static DurableOutboxStore open(Path directory) {
        return new DurableOutboxStore(MvStoreOutboxStorage.open(directory));
    }

    /** Opens a store on another storage; the benchmarks compare candidates this way. */
    public static DurableOutboxStore open(OutboxStorage storage) {
        return new DurableOutboxStore(storage);
    }

    /**
     * The log of one identity, with what survived the last run.
     *
     * @param partition the session key, e.g. {@code hub.example.net/device-1}; any text
     * @throws IllegalStateException if the store is closed, or the partition's log is open already: two sessions on one
     *                               log would both send its messages
     */
    public OutboxLog log(String partition) {
        if (closed) {
            throw new IllegalStateException("The outbox store is closed");
        }
        if (!openLogs.add(partition)) {
            throw new IllegalStateException("The outbox of " + partition + " is open already");
        }
        return new DurableOutboxLog(this, partition, index(partition));
    }

    CompletableFuture<Entry> append(String partition, EntryIndex index, String topic, byte[] payload) {
        return writer.append(partition, index, topic, payload);
    }

    void remove(long sequence) {
        writer.remove(sequence);
    }

    void release(String partition) {
        openLogs.remove(partition);
    }

    /** Writes the queued appends and removals, then closes the file; later appends fail. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        writer.close();
        storage.close();
    }

    private EntryIndex index(String partition) {
        return partitions.computeIfAbsent(partition, key -> new EntryIndex());
    }
}
