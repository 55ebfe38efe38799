package io.github.iothubmqtt.camel.session;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An outbox's messages in send order, linked through the messages themselves. Any thread appends with one atomic
 * exchange on the tail, so concurrent senders never retry; finished messages leave in {@link #trim}, which one thread
 * runs at a time. Senders thus touch only the tail, and the thread that takes PUBACKs, in order, trims the head.
 * <p>
 * A sender links its message to the one before it just after the exchange. Until then an iteration ends at the one
 * before: that is harmless, because a sender transmits its own message and checks for a closed outbox after
 * appending it, and a sweep that misses a message sees it next time.
 */
final class PendingList implements Iterable<PendingPublish> {

    private static final VarHandle TAIL;
    private static final VarHandle TRIMMING;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(PendingList.class, "tail", PendingPublish.class);
            TRIMMING = lookup.findVarHandle(PendingList.class, "trimming", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A finished message (at first a placeholder) just before the first one that may still be pending. */
    private volatile PendingPublish head = PendingPublish.placeholder();
    private volatile PendingPublish tail = head;
    private volatile boolean trimming;

    void add(PendingPublish message) {
        PendingPublish before = (PendingPublish) TAIL.getAndSet(this, message);
        before.next = message;
    }

    /**
     * Drops finished messages: from the head, and, with {@code interior}, also those behind a message still pending
     * (one the hub never acknowledged while it acknowledged later ones). Returns at once when another thread trims.
     */
    void trim(boolean interior) {
        if (!TRIMMING.compareAndSet(this, false, true)) {
            return;
        }
        try {
            PendingPublish first = head;
            for (PendingPublish next = first.next; next != null && next.finished(); next = first.next) {
                first.next = first; // an unreachable node linking to live ones would keep them from young collections
                first = next;
            }
            head = first;
            if (interior) {
                unlinkFinishedAfter(first);
            }
        } finally {
            trimming = false;
        }
    }

    /** Never the tail: a sender may be about to link behind it. */
    private static void unlinkFinishedAfter(PendingPublish first) {
        PendingPublish kept = first;
        for (PendingPublish next = kept.next; next != null; next = kept.next) {
            PendingPublish after = next.next;
            if (next.finished() && after != null) {
                kept.next = after;
            } else {
                kept = next;
            }
        }
    }

    /** Weakly consistent: messages appended meanwhile may or may not be seen; finished ones may be. */
    @Override
    public Iterator<PendingPublish> iterator() {
        return new Iterator<>() {
            private PendingPublish current = head;

            @Override
            public boolean hasNext() {
                return following() != null;
            }

            @Override
            public PendingPublish next() {
                PendingPublish next = following();
                if (next == null) {
                    throw new NoSuchElementException();
                }
                current = next;
                return next;
            }

            /** A message trimmed meanwhile links to itself: go on from the head. */
            private PendingPublish following() {
                PendingPublish next = current.next;
                return next == current ? head.next : next;
            }
        };
    }
}
