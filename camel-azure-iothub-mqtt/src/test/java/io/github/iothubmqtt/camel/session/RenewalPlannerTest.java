package io.github.iothubmqtt.camel.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RenewalPlannerTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final long MARGIN = 600_000;
    private static final int IDENTITIES = 500;

    @Test
    void identitiesThatConnectedTogetherRenewAtMostFivePercentPerSecond() {
        for (long ttlSeconds : new long[] {60, 120, 3_600}) {
            RenewalPlanner planner = new RenewalPlanner();
            List<Long> renewals = new ArrayList<>();
            for (int i = 0; i < IDENTITIES; i++) {
                renewals.add(planner.plan(NOW, NOW + ttlSeconds * 1000, MARGIN));
            }
            Map<Long, Integer> perSecond = planner.plannedFrom(0);
            assertThat(Collections.max(perSecond.values())).as("renewals in the busiest second, TTL %d s", ttlSeconds)
                    .isLessThanOrEqualTo(IDENTITIES / 20);
            long expiry = NOW + ttlSeconds * 1000;
            assertThat(renewals).as("within the window, TTL %d s", ttlSeconds)
                    .allSatisfy(at -> assertThat(at).isBetween(NOW + ttlSeconds * 1000 / 3,
                            expiry - Math.min(MARGIN, ttlSeconds * 1000 / 4)));
        }
    }

    @Test
    void aLaterIdentityFillsTheQuietestSecond() {
        RenewalPlanner planner = new RenewalPlanner();
        long ttl = 30_000; // window: seconds 10 to 21 after issue
        for (int i = 0; i < 12 * 3; i++) {
            planner.plan(NOW, NOW + ttl, MARGIN);
        }
        assertThat(planner.plannedFrom(0).values()).containsOnly(3);
    }

    @Test
    void secondsThatPassedAreForgotten() {
        RenewalPlanner planner = new RenewalPlanner();
        planner.plan(NOW, NOW + 60_000, MARGIN);
        planner.plan(NOW + 3_600_000, NOW + 3_660_000, MARGIN);
        assertThat(planner.plannedFrom(0)).hasSize(1);
    }

    @Test
    void aTokenTooShortForAWindowIsRenewedBeforeItExpires() {
        RenewalPlanner planner = new RenewalPlanner();
        long renewAt = planner.plan(NOW, NOW + 1_000, MARGIN);
        assertThat(renewAt).isBetween(NOW, NOW + 1_000);
    }
}
