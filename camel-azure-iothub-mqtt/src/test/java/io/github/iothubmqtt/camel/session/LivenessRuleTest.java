package io.github.iothubmqtt.camel.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static io.github.iothubmqtt.camel.session.LivenessRule.Verdict.ALIVE;
import static io.github.iothubmqtt.camel.session.LivenessRule.Verdict.DEAD;
import static io.github.iothubmqtt.camel.session.LivenessRule.Verdict.PROBE;
import static org.assertj.core.api.Assertions.assertThat;

class LivenessRuleTest {

    private static final long SECOND = 1_000_000_000L;
    private final LivenessRule rule = new LivenessRule(Duration.ofSeconds(10));

    @Test
    void nothingAwaitingAnAcknowledgementIsNeverProbed() {
        assertThat(rule.judge(1_000 * SECOND, 0, null, null)).isEqualTo(ALIVE);
    }

    @Test
    void aYoungMessageOrARecentPacketKeepsTheConnectionAlive() {
        long now = 100 * SECOND;
        assertThat(rule.judge(now, 0, now - 9 * SECOND, null)).as("message younger than ackTimeout").isEqualTo(ALIVE);
        assertThat(rule.judge(now, now - 9 * SECOND, now - 60 * SECOND, null)).as("heard recently").isEqualTo(ALIVE);
    }

    @Test
    void silenceWithAnOldMessageProbesThenDropsWhenTheProbeStaysUnanswered() {
        long sent = 10 * SECOND;
        long lastHeard = 5 * SECOND;
        long now = sent + 10 * SECOND;
        assertThat(rule.judge(now, lastHeard, sent, null)).isEqualTo(PROBE);
        assertThat(rule.judge(now + 9 * SECOND, lastHeard, sent, now)).as("probe still within ackTimeout").isEqualTo(ALIVE);
        assertThat(rule.judge(now + 10 * SECOND, lastHeard, sent, now)).isEqualTo(DEAD);
    }

    @Test
    void anAnsweredProbeMeansASlowHubNotADeadPath() {
        long probe = 30 * SECOND;
        long answered = probe + SECOND;
        assertThat(rule.judge(answered + 5 * SECOND, answered, 0L, probe)).as("heard since").isEqualTo(ALIVE);
        assertThat(rule.judge(answered + 10 * SECOND, answered, 0L, probe)).as("silent again: probe again, not drop")
                .isEqualTo(PROBE);
    }
}
