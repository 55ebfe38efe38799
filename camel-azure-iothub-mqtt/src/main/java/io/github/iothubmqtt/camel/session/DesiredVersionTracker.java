package io.github.iothubmqtt.camel.session;

/**
 * Decides what to do with desired-property versions so that no change is lost and none is delivered twice: the hub
 * keeps no notification for an offline device, so the twin is read on every connect; versions only grow.
 * Thread-safe.
 */
public final class DesiredVersionTracker {

    /** What to do with a desired-property notification. */
    public enum Action {
        /** The next version: hand the patch to the route. */
        DELIVER,
        /** Already seen (a notification racing the twin read, or a duplicate). */
        DROP,
        /** Versions were skipped: read the whole twin instead. */
        RESYNC
    }

    private static final long NOTHING_SEEN = Long.MIN_VALUE;
    private long lastDelivered = NOTHING_SEEN;

    public synchronized Action onNotification(long version) {
        if (lastDelivered != NOTHING_SEEN && version <= lastDelivered) {
            return Action.DROP;
        }
        if (lastDelivered == NOTHING_SEEN || version > lastDelivered + 1) {
            return Action.RESYNC;
        }
        lastDelivered = version;
        return Action.DELIVER;
    }

    /**
     * A full twin read returned this desired version.
     *
     * @return whether the full desired document must go to the route (it is newer than anything it saw)
     */
    public synchronized boolean onTwinRead(long desiredVersion) {
        if (lastDelivered != NOTHING_SEEN && desiredVersion <= lastDelivered) {
            return false;
        }
        lastDelivered = desiredVersion;
        return true;
    }

    /** The last version handed to the route, or {@code null} before the first. */
    public synchronized Long lastDelivered() {
        return lastDelivered == NOTHING_SEEN ? null : lastDelivered;
    }
}
