package io.github.iothubmqtt.camel.test;

import java.util.List;
import java.util.concurrent.TimeUnit;

/** Counts events over time, as a hub's throttle would see them. */
public final class Rates {

    private Rates() {
    }

    /** The most events within any window of one second; {@code sortedNanos} are {@link System#nanoTime()} readings. */
    public static int maxInAnySecond(List<Long> sortedNanos) {
        int most = 0;
        int first = 0;
        for (int last = 0; last < sortedNanos.size(); last++) {
            while (sortedNanos.get(last) - sortedNanos.get(first) >= TimeUnit.SECONDS.toNanos(1)) {
                first++;
            }
            most = Math.max(most, last - first + 1);
        }
        return most;
    }
}
