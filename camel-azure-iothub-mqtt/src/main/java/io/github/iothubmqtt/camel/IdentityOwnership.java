package io.github.iothubmqtt.camel;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which identities this replica may connect, on a {@link CamelClusterService}: identities are hashed into a fixed
 * number of buckets, each bucket is one leadership namespace ({@code <prefix>-<bucket>}), and an identity is owned
 * here while this replica leads its bucket. Buckets, not one namespace per identity: each namespace costs the
 * cluster service a lock, lease or election of its own (10,000 Kubernetes leases would be renewed every few seconds).
 * <p>
 * Spreading: a replica that leads more than its fair share, {@code ceil(buckets / members)} with the members the
 * cluster service reports, hands the excess over: it closes the bucket's sessions first, waits until their
 * connections are gone, then leaves the election and joins it again at the back. A bucket won while already at the
 * fair share is handed over a second later, without opening any session. A service that reports no members (the file lock
 * service) gives no way to count the replicas: there the first replica keeps every bucket and the others stand by.
 */
final class IdentityOwnership {

    /** Told when buckets are won or lost; it (re)opens or closes the sessions of their identities. */
    interface Listener {
        void ownershipChanged();
    }

    private static final Logger LOG = LoggerFactory.getLogger(IdentityOwnership.class);
    /**
     * A closed session's connection quiesces up to 2 s before its DISCONNECT: leadership is released only after that,
     * so the next owner never connects while this one's connection is still open.
     */
    private static final long HAND_OFF_DELAY_MILLIS = 4_000;
    private static final long REBALANCE_PERIOD_MILLIS = 5_000;
    /** Between handing over a bucket that holds no session and joining its election again: no tight loop. */
    private static final long RETRY_DELAY_MILLIS = 1_000;

    private final CamelClusterService service;
    private final String prefix;
    private final int buckets;
    private final ScheduledExecutorService scheduler;
    private final Executor blockingWork;
    private final Listener listener;
    private final List<CamelClusterView> views = new CopyOnWriteArrayList<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Buckets being handed over: not owned any more, leadership not yet released. */
    private final Set<Integer> leaving = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> rebalanceTask;
    /** Set by {@link #stop()}: a hand-over or rebalance still under way decides nothing any more. */
    private volatile boolean stopped;

    IdentityOwnership(CamelClusterService service, String prefix, int buckets, ScheduledExecutorService scheduler,
            Executor blockingWork, Listener listener) {
        if (buckets < 1) {
            throw new IllegalArgumentException("clusterBuckets must be at least 1, was " + buckets);
        }
        this.service = service;
        this.prefix = prefix;
        this.buckets = buckets;
        this.scheduler = scheduler;
        this.blockingWork = blockingWork;
        this.listener = listener;
    }

    /** The bucket of a session key: CRC32 spreads similar keys (device-1, device-2...) evenly, in every JVM alike. */
    int bucketOf(String sessionKey) {
        CRC32 crc = new CRC32();
        crc.update(sessionKey.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % buckets);
    }

    boolean owns(String sessionKey) {
        return owned.contains(bucketOf(sessionKey));
    }

    /** The leadership namespace of a bucket: letters, digits and dashes only, valid as a file name, ZooKeeper path and lease name. */
    String namespace(int bucket) {
        return prefix + "-" + bucket;
    }

    void start() throws Exception {
        for (int bucket = 0; bucket < buckets; bucket++) {
            CamelClusterView view = service.getView(namespace(bucket));
            int b = bucket;
            views.add(view);
            view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> decide(b, leads(b)));
            decide(b, leads(b));
        }
        rebalanceTask = scheduler.scheduleWithFixedDelay(() -> blockingWork.execute(this::rebalance),
                REBALANCE_PERIOD_MILLIS, REBALANCE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Closes the sessions, then leaves the elections (without the hand-over delay: a stopping replica does not wait). */
    void stop() {
        if (rebalanceTask != null) {
            rebalanceTask.cancel(false);
        }
        synchronized (this) {
            stopped = true;
            owned.clear();
            listener.ownershipChanged();
        }
        for (CamelClusterView view : views) {
            try {
                service.releaseView(view);
            } catch (Exception e) {
                LOG.warn("Releasing cluster view {} failed: {}", view.getNamespace(), e.getMessage(), e);
            }
        }
    }

    /**
     * Whether this replica holds the bucket's leadership now. The local member says so; the view's leader may not:
     * ZooKeeper's is the head of the election queue, which can still be this replica's node of an election it left.
     */
    private boolean leads(int bucket) {
        return views.get(bucket).getLocalMember().isLeader();
    }

    /** Owns a bucket this replica leads, unless that would exceed the fair share; gives up one it no longer leads. */
    private synchronized void decide(int bucket, boolean leading) {
        if (stopped || leaving.contains(bucket)) {
            return; // a hand-over decides again when it is done
        }
        if (leading && !owned.contains(bucket)) {
            if (owned.size() >= fairShare()) {
                LOG.info("Won {} while holding a fair share of {}: handing it over", namespace(bucket), owned.size());
                handOver(bucket, RETRY_DELAY_MILLIS);
                return;
            }
            owned.add(bucket);
            LOG.info("Owning {}: its identities connect here", namespace(bucket));
            listener.ownershipChanged();
        } else if (!leading && owned.remove(bucket)) {
            LOG.info("Lost {}: its identities disconnect here", namespace(bucket));
            listener.ownershipChanged();
        }
    }

    /**
     * Decides again on every bucket, so that a leadership event that was missed or failed leaves no bucket led and
     * unserved; then hands over what exceeds the fair share, one bucket per period so that a membership change moves
     * little at once.
     */
    private void rebalance() {
        try {
            for (int bucket = 0; bucket < buckets; bucket++) {
                decide(bucket, leads(bucket));
            }
            synchronized (this) {
                int share = fairShare();
                if (owned.size() > share) {
                    Integer bucket = owned.iterator().next();
                    LOG.info("Holding {} buckets, fair share {}: handing {} over", owned.size(), share, namespace(bucket));
                    owned.remove(bucket);
                    listener.ownershipChanged();
                    handOver(bucket, HAND_OFF_DELAY_MILLIS);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Rebalancing the identities failed: {}", e.getMessage(), e);
        }
    }

    /**
     * Leaves the bucket's election once its connections are gone, and joins again at the back of it. On the work
     * pool: a cluster service may block (ZooKeeper round trips), and the scheduler thread runs every session's timers.
     */
    private void handOver(int bucket, long delayMillis) {
        leaving.add(bucket);
        scheduler.schedule(() -> blockingWork.execute(() -> {
            try {
                service.stopView(namespace(bucket));
                service.startView(namespace(bucket));
            } catch (Exception e) {
                LOG.warn("Handing over {} failed: {}", namespace(bucket), e.getMessage(), e);
            } finally {
                leaving.remove(bucket);
            }
            // won again while leaving (no other replica wanted it): that event was ignored
            decide(bucket, leads(bucket));
        }), delayMillis, TimeUnit.MILLISECONDS);
    }

    /** {@code ceil(buckets / members)}; every bucket when the service reports no members. */
    int fairShare() {
        int members = 0;
        for (CamelClusterView view : views) {
            members = Math.max(members, view.getMembers().size());
        }
        return members == 0 ? buckets : (buckets + members - 1) / members;
    }

    /** The buckets this replica leads now. */
    Set<Integer> ownedBuckets() {
        return Set.copyOf(owned);
    }
}
