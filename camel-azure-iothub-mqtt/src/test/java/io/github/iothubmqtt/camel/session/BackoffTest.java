package io.github.iothubmqtt.camel.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    @Test
    void growsExponentiallyWithinHalfToAllOfTheCappedDelay() {
        for (int attempt = 0; attempt < 100; attempt++) {
            long capped = Math.min(10_000, attempt >= 30 ? 10_000 : 100L << attempt);
            assertThat(backoff.delayMillis(attempt)).isBetween(capped / 2, capped);
        }
    }
}
