package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the capped exponential delay plus a random share of the other half. */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    long delayMillis(int attempt) {
        long capped = attempt >= 30 ? maxMillis : Math.min(maxMillis, minMillis << attempt);
        long half = capped / 2;
        return half + ThreadLocalRandom.current().nextLong(half + 1);
    }
}
