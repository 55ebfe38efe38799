package io.github.iothubmqtt.camel.session;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spreads the SAS renewals of all identities of a component over time. Each renewal may happen anywhere in its
 * window; the planner puts it in the second of that window with the fewest renewals planned so far (ties at random),
 * so identities that connected together do not renew together. With {@code n} identities and windows of {@code w}
 * seconds, no second gets more than about {@code n / w} of them.
 */
public final class RenewalPlanner {

    /** Renewals planned per epoch second; seconds that have passed are dropped as new plans come. */
    private final TreeMap<Long, Integer> plannedPerSecond = new TreeMap<>();

    /**
     * Picks when to renew a token issued at {@code issuedAtMillis} that expires at {@code expiresAtMillis}: in the
     * window from a third of its lifetime to {@code marginMillis} before it expires.
     *
     * @return the planned renewal time, epoch milliseconds
     */
    public synchronized long plan(long issuedAtMillis, long expiresAtMillis, long marginMillis) {
        long lifetime = Math.max(0, expiresAtMillis - issuedAtMillis);
        long firstSecond = Math.floorDiv(issuedAtMillis + lifetime / 3, 1000);
        long lastSecond = Math.max(firstSecond,
                Math.floorDiv(expiresAtMillis - Math.min(marginMillis, lifetime / 4), 1000) - 1);
        plannedPerSecond.headMap(Math.floorDiv(issuedAtMillis, 1000)).clear();
        long chosen = leastPlanned(firstSecond, lastSecond);
        plannedPerSecond.merge(chosen, 1, Integer::sum);
        return chosen * 1000 + ThreadLocalRandom.current().nextLong(1000);
    }

    private long leastPlanned(long firstSecond, long lastSecond) {
        long seconds = lastSecond - firstSecond + 1;
        long start = firstSecond + ThreadLocalRandom.current().nextLong(seconds); // ties go to a random second
        long best = start;
        int fewest = Integer.MAX_VALUE;
        for (long i = 0; i < seconds && fewest > 0; i++) {
            long second = firstSecond + Math.floorMod(start - firstSecond + i, seconds);
            int planned = plannedPerSecond.getOrDefault(second, 0);
            if (planned < fewest) {
                fewest = planned;
                best = second;
            }
        }
        return best;
    }

    /** Renewals planned per second from {@code fromSecond} on; for tests and diagnostics. */
    synchronized Map<Long, Integer> plannedFrom(long fromSecond) {
        return Map.copyOf(plannedPerSecond.tailMap(fromSecond));
    }
}
