package io.github.iothubmqtt.camel.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Store-and-forward: a send completes once the message is in the {@link OutboxLog} (in memory, or synced to disk),
 * not when the hub acknowledged it. While a connection is up, stored messages go out in order over the session's
 * {@link AcknowledgedOutbox}, at most half its window at a time so twin and method traffic keeps room, and leave the
 * log only on the hub's PUBACK. What the hub did not acknowledge is handed over again until it is, or until it
 * outlives the TTL. Nothing is handed over while there is no connection, so the TTL and the full policy apply to
 * everything that waits for one.
 * <p>
 * The log's entries are mirrored here so sending never reads the disk; the byte bound caps that mirror too.
 */
final class StoreAndForwardOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(StoreAndForwardOutbox.class);
    private static final int QOS = 1;

    private final SessionSettings settings;
    private final OutboxSettings options;
    private final OutboxLog log;
    private final AcknowledgedOutbox acknowledged;
    private final ConnectionLifecycle connection;
    private final Executor work;
    private final int onTheWireLimit;

    private final Object lock = new Object();
    /** Held by the one thread that pumps. */
    private final AtomicBoolean pumping = new AtomicBoolean();
    /** A pump was asked for: the pumping thread pumps once more before it lets go. */
    private volatile boolean pumpAgain;
    private final TreeMap<Long, OutboxLog.Entry> stored = new TreeMap<>();
    private final Set<Long> onTheWire = new HashSet<>();
    private final TreeSet<Long> handBack = new TreeSet<>();
    private long nextToSend;
    private long reservedBytes;
    private boolean closed;

    StoreAndForwardOutbox(SessionSettings settings, OutboxLog log, AcknowledgedOutbox acknowledged,
            ConnectionLifecycle connection, Executor work) {
        this.settings = settings;
        this.options = settings.outbox();
        this.log = log;
        this.acknowledged = acknowledged;
        this.connection = connection;
        this.work = work;
        this.onTheWireLimit = Math.max(1, settings.maxInflight() / 2);
        for (OutboxLog.Entry entry : log.entries()) {
            stored.put(entry.sequence(), entry);
            reservedBytes += entry.bytes();
        }
        if (!stored.isEmpty()) {
            LOG.info("The outbox of {} holds {} messages from before; they are sent first", settings.identity(), stored.size());
        }
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, int qos) {
        long bytes = OutboxLog.Entry.bytes(topic, payload);
        reserve(bytes);
        CompletableFuture<OutboxLog.Entry> appended;
        try {
            appended = log.append(topic, payload);
        } catch (RuntimeException e) {
            release(bytes);
            throw e;
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (appended.isDone()) {
            stored(appended, bytes, result);
        } else {
            // the disk log completes on its writer thread: the route continues elsewhere, so the next commit is not held up
            appended.whenCompleteAsync((entry, error) -> stored(appended, bytes, result), work);
        }
        return result;
    }

    private void stored(CompletableFuture<OutboxLog.Entry> appended, long bytes, CompletableFuture<Void> result) {
        OutboxLog.Entry entry;
        try {
            entry = appended.join();
        } catch (RuntimeException e) {
            release(bytes);
            result.completeExceptionally(e.getCause() != null ? e.getCause() : e);
            return;
        }
        synchronized (lock) {
            stored.put(entry.sequence(), entry);
            if (entry.sequence() < nextToSend) { // concurrent appends complete out of order: the cursor passed it
                handBack.add(entry.sequence());
            }
        }
        result.complete(null);
        pump();
    }

    /** Takes room for a message, as the full policy says. */
    private void reserve(long bytes) {
        if (bytes > options.maxBytes()) {
            throw new OutboxFullException("a message of " + bytes + " bytes does not fit in the outbox of "
                    + settings.identity() + " (outboxMaxBytes=" + options.maxBytes() + ")");
        }
        List<OutboxLog.Entry> dropped = new ArrayList<>();
        synchronized (lock) {
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            while (!closed && reservedBytes + bytes > options.maxBytes()) {
                if (options.fullPolicy() == OutboxSettings.FullPolicy.DROP_OLDEST && !stored.isEmpty()) {
                    dropped.add(forget(stored.firstKey()));
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (options.fullPolicy() != OutboxSettings.FullPolicy.WAIT || IoThread.isCurrent() || left <= 0) {
                    throw new OutboxFullException("the outbox of " + settings.identity() + " holds " + stored.size()
                            + " messages and " + reservedBytes + " of outboxMaxBytes=" + options.maxBytes()
                            + " bytes (outboxFullPolicy=" + options.fullPolicy() + ")");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new OutboxFullException("interrupted while waiting for room in the outbox of " + settings.identity());
                }
            }
            if (closed) {
                throw new SessionClosedException("session " + settings.identity() + " is closed");
            }
            reservedBytes += bytes;
        }
        dropped.forEach(entry -> log.remove(entry.sequence()));
        if (!dropped.isEmpty()) {
            LOG.warn("The outbox of {} is full (outboxMaxBytes={}): dropped its {} oldest messages", settings.identity(),
                    options.maxBytes(), dropped.size());
        }
    }

    private void release(long bytes) {
        synchronized (lock) {
            reservedBytes -= bytes;
            lock.notifyAll();
        }
    }

    /** Under lock. Removes an entry from the mirror and frees its room; the caller removes it from the log. */
    private OutboxLog.Entry forget(long sequence) {
        OutboxLog.Entry entry = stored.remove(sequence);
        onTheWire.remove(sequence);
        handBack.remove(sequence);
        reservedBytes -= entry.bytes();
        lock.notifyAll();
        return entry;
    }

    /**
     * Hands stored messages to the acknowledged path, oldest first, while it has room. Acknowledgements, connects and
     * the sweep all pump, on different threads; one pumps at a time, and a pump asked for meanwhile runs after it,
     * since taking a message and handing it over are two steps another pump must not come between (it would send a
     * later message first).
     */
    private void pump() {
        pumpAgain = true;
        while (pumpAgain && pumping.compareAndSet(false, true)) {
            try {
                pumpAgain = false;
                pumpWhileRoom();
            } finally {
                pumping.set(false);
            }
        }
    }

    private void pumpWhileRoom() {
        while (true) {
            OutboxLog.Entry next;
            synchronized (lock) {
                next = closed || onTheWire.size() >= onTheWireLimit || !connection.isConnected() ? null : nextToSend();
                if (next == null) {
                    return;
                }
                onTheWire.add(next.sequence());
            }
            CompletableFuture<Void> sent = acknowledged.offer(next.topic(), next.payload(), QOS);
            if (sent == null) { // the window is full of other traffic: the sweep tries again
                synchronized (lock) {
                    onTheWire.remove(next.sequence());
                    handBack.add(next.sequence());
                }
                return;
            }
            sent.whenComplete((ok, error) -> {
                if (error == null) {
                    acknowledged(next.sequence());
                } else {
                    notAcknowledged(next.sequence());
                }
            });
        }
    }

    /** Under lock. What was handed back comes first, in order; then what was never sent. */
    private OutboxLog.Entry nextToSend() {
        while (!handBack.isEmpty()) {
            OutboxLog.Entry entry = stored.get(handBack.pollFirst());
            if (entry != null) {
                return entry;
            }
        }
        Map.Entry<Long, OutboxLog.Entry> next = stored.ceilingEntry(nextToSend);
        if (next == null) {
            return null;
        }
        nextToSend = next.getKey() + 1;
        return next.getValue();
    }

    private void acknowledged(long sequence) {
        boolean removed;
        synchronized (lock) {
            removed = !closed && stored.containsKey(sequence); // once closed, the log is too: it keeps the message
            if (removed) {
                forget(sequence);
            }
        }
        if (removed) {
            log.remove(sequence);
        }
        pump();
    }

    /** Timed out or refused: it goes again, after a pause, so a message the hub keeps refusing cannot spin. */
    private void notAcknowledged(long sequence) {
        synchronized (lock) {
            if (onTheWire.remove(sequence) && stored.containsKey(sequence)) {
                handBack.add(sequence);
            }
        }
    }

    @Override
    public void linkUp(Link link) {
        pump();
    }

    @Override
    public void sweep(long nowNanos) {
        long oldestAllowed = System.currentTimeMillis() - options.ttl().toMillis();
        List<OutboxLog.Entry> expired = new ArrayList<>();
        synchronized (lock) {
            while (!stored.isEmpty() && stored.firstEntry().getValue().storedAtMillis() < oldestAllowed) {
                expired.add(forget(stored.firstKey()));
            }
        }
        expired.forEach(entry -> log.remove(entry.sequence()));
        if (!expired.isEmpty()) {
            LOG.warn("The outbox of {} dropped {} messages older than outboxTtl={}", settings.identity(), expired.size(),
                    DurationText.of(options.ttl()));
        }
        pump();
    }

    /** Stored messages not on the wire: those on the wire count in the acknowledged path's window already. */
    @Override
    public int inFlight() {
        synchronized (lock) {
            return stored.size() - onTheWire.size();
        }
    }

    @Override
    public void close(Throwable cause) {
        int left;
        synchronized (lock) {
            closed = true;
            left = stored.size();
            lock.notifyAll();
        }
        if (left > 0) {
            LOG.warn("The {} outbox of {} closes with {} messages not acknowledged by the hub{}",
                    options.kind().name().toLowerCase(), settings.identity(), left,
                    options.kind() == OutboxSettings.Kind.DISK ? "; they are sent when it opens again" : "; they are lost");
        }
        log.close();
    }
}
