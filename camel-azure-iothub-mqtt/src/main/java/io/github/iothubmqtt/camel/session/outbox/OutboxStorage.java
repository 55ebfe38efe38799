package io.github.iothubmqtt.camel.session.outbox;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import java.util.List;

/**
 * The file under a {@link DurableOutboxStore}: one per directory, holding the entries of every partition. The store
 * calls {@link #read()} once before its writer thread starts, and everything else from that one thread, so
 * implementations need not be thread-safe. Public so that the benchmarks can put other candidates under the same
 * group commit.
 */
public interface OutboxStorage extends AutoCloseable {

    /** An entry and the partition (the session key) whose log holds it. */
    record Stored(String partition, Entry entry) {
    }

    /** What survived: every entry, oldest first, and the sequence the next append gets. */
    record Contents(List<Stored> entries, long nextSequence) {
    }

    Contents read();

    /**
     * Writes one batch in one commit. Returns once the appends and {@code nextSequence} are on disk and synced (one
     * sync for the batch); the removals need not be synced.
     */
    void write(List<Stored> appends, List<Long> removals, long nextSequence);

    @Override
    void close();
}
