package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Faults a test can switch on to see how a client copes with a hub that misbehaves. Thread-safe. */
public final class Faults {

    /** Longer than any client waits for an answer: a bigger delay is a typo, and would strain the hub's timers. */
    public static final Duration MAX_RESPONSE_DELAY = Duration.ofHours(1);

    private final AtomicBoolean refuseConnects = new AtomicBoolean();
    private final AtomicReference<Duration> responseDelay = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger twinThrottleCount = new AtomicInteger();
    private final AtomicInteger provisioningThrottleCount = new AtomicInteger();

    /** While on, every CONNECT is answered with CONNACK 3 (server unavailable), which clients retry. */
    public Faults refuseConnects(boolean refuse) {
        refuseConnects.set(refuse);
        return this;
    }

    /**
     * Delays the hub's handling of each device PUBLISH (its PUBACK, twin response, stored telemetry) by this much,
     * from zero to {@link #MAX_RESPONSE_DELAY}.
     */
    public Faults delayResponses(Duration delay) {
        if (delay.isNegative() || delay.compareTo(MAX_RESPONSE_DELAY) > 0) {
            throw new IllegalArgumentException("a response delay is from 0 to " + MAX_RESPONSE_DELAY + ", not " + delay);
        }
        responseDelay.set(delay);
        return this;
    }

    /** Answers the next {@code count} twin requests with 429 ThrottlingException, as a throttled hub does. */
    public Faults throttleTwin(int count) {
        twinThrottleCount.set(checkCount(count, "twin"));
        return this;
    }

    /** Answers the next {@code count} DPS registrations and polls with 429 and a {@code retry-after}, as a throttled DPS. */
    public Faults throttleProvisioning(int count) {
        provisioningThrottleCount.set(checkCount(count, "DPS"));
        return this;
    }

    private static int checkCount(int count, String requests) {
        if (count < 0) {
            throw new IllegalArgumentException("a count of throttled " + requests + " requests is not negative: " + count);
        }
        return count;
    }

    /** Switches every fault off. */
    public Faults clear() {
        return refuseConnects(false).delayResponses(Duration.ZERO).throttleTwin(0).throttleProvisioning(0);
    }

    boolean refusingConnects() {
        return refuseConnects.get();
    }

    Duration responseDelay() {
        return responseDelay.get();
    }

    /** Whether this twin request is to be throttled; each call uses up one of the throttled requests. */
    boolean takeTwinThrottle() {
        return take(twinThrottleCount);
    }

    /** Whether this DPS request is to be throttled; each call uses up one. */
    boolean takeProvisioningThrottle() {
        return take(provisioningThrottleCount);
    }

    private static boolean take(AtomicInteger throttled) {
        return throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    int remainingTwinThrottles() {
        return twinThrottleCount.get();
    }
}
