package io.github.iothubmqtt.camel.session.outbox;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import io.github.iothubmqtt.camel.session.outbox.OutboxStorage.Stored;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit: appends from any thread queue up, and one thread writes whatever has queued as one batch with one sync,
 * then adds the entries to their logs and completes their futures (on this thread: measured fast enough, see
 * docs/performance.md). Removals ride along with the next batch, or go alone after a second without appends.
 */
final class GroupCommitWriter {

    /** Bounds one commit's size, and so the memory it takes and the latency of the appends behind it. */
    private static final int MAX_BATCH = 4096;
    private static final long IDLE_FLUSH_MILLIS = 1000;

    private record Pending(Stored stored, EntryIndex index, CompletableFuture<Entry> done) {
    }

    /** Queued last by {@link #close()}: the writer stops after the batch that holds it. */
    private static final Pending STOP = new Pending(null, null, null);

    private final OutboxStorage storage;
    private final BlockingQueue<Pending> appends = new LinkedBlockingQueue<>();
    private final Queue<Long> removals = new ConcurrentLinkedQueue<>();
    /** Sequences are taken and queued under one lock, so the queue, and every batch, is in sequence order. */
    private final Object enqueueLock = new Object();
    private final Thread thread;
    private long nextSequence;
    private boolean closed;
    /** Written with each batch; only the writer thread touches it. */
    private long storedNextSequence;

    GroupCommitWriter(OutboxStorage storage, long nextSequence) {
        this.storage = storage;
        this.nextSequence = nextSequence;
        this.storedNextSequence = nextSequence;
        this.thread = new Thread(this::run, "iothub-mqtt-outbox-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Entry> append(String partition, EntryIndex index, String topic, byte[] payload) {
        CompletableFuture<Entry> done = new CompletableFuture<>();
        synchronized (enqueueLock) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("The outbox store is closed"));
            }
            Entry entry = new Entry(nextSequence++, System.currentTimeMillis(), topic, payload);
            appends.add(new Pending(new Stored(partition, entry), index, done));
        }
        return done;
    }

    void remove(long sequence) {
        removals.add(sequence);
    }

    /** Writes what is queued, then stops the thread; waits for it. */
    void close() {
        synchronized (enqueueLock) {
            if (closed) {
                return;
            }
            closed = true;
            appends.add(STOP);
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the queued appends are written all the same
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>();
        boolean stopping = false;
        while (!stopping) {
            try {
                Pending first = appends.poll(IDLE_FLUSH_MILLIS, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    appends.drainTo(batch, MAX_BATCH - 1);
                }
            } catch (InterruptedException e) {
                continue; // only close() stops the writer, so that no queued append is dropped
            }
            stopping = !batch.isEmpty() && batch.get(batch.size() - 1) == STOP;
            if (stopping) {
                batch.remove(batch.size() - 1);
            }
            List<Long> removed = drainRemovals();
            if (!batch.isEmpty() || !removed.isEmpty()) {
                write(batch, removed);
            }
            batch.clear();
        }
    }

    private List<Long> drainRemovals() {
        List<Long> removed = new ArrayList<>();
        for (Long sequence = removals.poll(); sequence != null; sequence = removals.poll()) {
            removed.add(sequence);
        }
        return removed;
    }

    private void write(List<Pending> batch, List<Long> removed) {
        List<Stored> stored = batch.stream().map(Pending::stored).toList();
        if (!batch.isEmpty()) {
            storedNextSequence = stored.get(stored.size() - 1).entry().sequence() + 1;
        }
        try {
            storage.write(stored, removed, storedNextSequence);
        } catch (RuntimeException e) {
            OutboxStoreException failure = new OutboxStoreException("Writing to the outbox failed", e);
            batch.forEach(pending -> pending.done().completeExceptionally(failure));
            return;
        }
        for (Pending pending : batch) {
            pending.index().add(pending.stored().entry());
            pending.done().complete(pending.stored().entry());
        }
    }
}
