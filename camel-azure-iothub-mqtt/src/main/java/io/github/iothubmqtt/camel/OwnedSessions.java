package io.github.iothubmqtt.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionSettings;

/**
 * The producers and consumers of each identity, and its session while this replica owns the identity. Without a
 * cluster service every identity is owned, and the session opens with the first user as it always did. With one, the
 * session opens when this replica wins the identity's bucket and closes when it loses it; consumers are attached to
 * each new session and producers meanwhile fail fast or wait ({@code notOwnedPolicy}).
 */
final class OwnedSessions {

    /** Opens and closes the shared sessions (the component's reference-counted registry). */
    interface Sessions {
        DeviceSession acquire(SessionSettings settings);

        void release(DeviceSession session);
    }

    /** What a consumer does on each session of its identity: subscribe or register, and undo it. */
    interface Attachment {
        void attach(DeviceSession session);

        void detach(DeviceSession session);
    }

    private static final class Slot {
        final SessionSettings settings;
        final List<Attachment> attachments = new ArrayList<>();
        int users;
        /** Written under the lock; read without it by every message a producer sends. */
        volatile DeviceSession session;

        Slot(SessionSettings settings) {
            this.settings = settings;
        }
    }

    /** One producer's or consumer's hold on its identity. */
    final class Lease {
        private final Slot slot;
        private final Attachment attachment;

        private Lease(Slot slot, Attachment attachment) {
            this.slot = slot;
            this.attachment = attachment;
        }

        /**
         * The identity's session, waiting up to {@code waitMillis} for this replica to own it.
         *
         * @throws IdentityNotOwnedException when another replica owns the identity for all that time
         */
        DeviceSession session(long waitMillis) throws InterruptedException {
            DeviceSession owned = slot.session;
            if (owned != null) {
                return owned; // no lock per message: with several sending threads it was contended
            }
            synchronized (OwnedSessions.this) {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                for (long left = waitMillis; slot.session == null
                        && left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
                    OwnedSessions.this.wait(left);
                }
                if (slot.session == null) {
                    throw new IdentityNotOwnedException(slot.settings.identity().clientId(), ownership == null
                            ? "-"
                            : ownership.namespace(ownership.bucketOf(slot.settings.key())), waitMillis);
                }
                return slot.session;
            }
        }

        void release() {
            OwnedSessions.this.release(this);
        }

        /** Takes no new messages, but keeps the session for what is in flight (a route shutting down gracefully). */
        void suspend() {
            synchronized (OwnedSessions.this) {
                if (attachment != null && slot.attachments.remove(attachment) && slot.session != null) {
                    attachment.detach(slot.session);
                }
            }
        }

        void resume() {
            synchronized (OwnedSessions.this) {
                if (attachment != null && !slot.attachments.contains(attachment)) {
                    slot.attachments.add(attachment);
                    if (slot.session != null) {
                        attachment.attach(slot.session);
                    }
                }
            }
        }
    }

    private final Sessions sessions;
    /** {@code null} without a cluster service: every identity is owned here. */
    private final IdentityOwnership ownership;
    private final Map<String, Slot> slots = new HashMap<>();

    OwnedSessions(Sessions sessions, IdentityOwnership ownership) {
        this.sessions = sessions;
        this.ownership = ownership;
    }

    /** Joins the identity's users; a consumer passes its attachment, a producer {@code null}. */
    synchronized Lease join(SessionSettings settings, Attachment attachment) {
        Slot slot = slots.computeIfAbsent(settings.key(), k -> new Slot(settings));
        slot.users++;
        if (attachment != null) {
            slot.attachments.add(attachment);
        }
        if (slot.session != null && attachment != null) {
            attachment.attach(slot.session);
        }
        reconcile(slot);
        return new Lease(slot, attachment);
    }

    private synchronized void release(Lease lease) {
        Slot slot = lease.slot;
        if (lease.attachment != null && slot.attachments.remove(lease.attachment) && slot.session != null) {
            lease.attachment.detach(slot.session);
        }
        if (--slot.users == 0) {
            slots.remove(slot.settings.key());
        }
        reconcile(slot);
    }

    /** Opens or closes sessions after buckets were won or lost. */
    synchronized void ownershipChanged() {
        slots.values().forEach(this::reconcile);
    }

    /** Under lock. A slot has a session exactly while it has users and its identity is owned here. */
    private void reconcile(Slot slot) {
        boolean wanted = slot.users > 0 && (ownership == null || ownership.owns(slot.settings.key()));
        if (wanted && slot.session == null) {
            slot.session = sessions.acquire(slot.settings);
            slot.attachments.forEach(attachment -> attachment.attach(slot.session));
            notifyAll();
        } else if (!wanted && slot.session != null) {
            DeviceSession session = slot.session;
            slot.session = null;
            slot.attachments.forEach(attachment -> attachment.detach(session));
            sessions.release(session);
        }
    }
}
