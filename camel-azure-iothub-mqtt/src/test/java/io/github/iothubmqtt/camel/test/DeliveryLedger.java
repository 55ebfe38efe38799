package io.github.iothubmqtt.camel.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iothubmqtt.camel.session.InFlightWindowFullException;
import io.github.iothubmqtt.camel.session.SessionClosedException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.SynchronizationAdapter;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * What a fault test sent, how each exchange ended, and what the hub received, by sequence number; and the verdict
 * at-least-once delivery asks for. {@link #stamp} numbers the exchanges (body and {@value #SEQ_HEADER} header) at the
 * start of a route; the hub side calls {@link #received} with the number it read back.
 */
public final class DeliveryLedger {

    public static final String SEQ_HEADER = "seq";

    /** The failures the component documents; anything else (an Error above all) is a defect. */
    private static final List<Class<? extends Throwable>> DOCUMENTED = List.of(TimeoutException.class,
            InFlightWindowFullException.class, SessionClosedException.class, MqttException.class);
    /** Wrappers Camel and java.util.concurrent put around the real failure. */
    private static final List<Class<? extends Throwable>> WRAPPERS = List.of(RuntimeCamelException.class,
            CompletionException.class, ExecutionException.class);
    private static final int SAMPLE = 10;

    private record Outcome(Throwable failure, long elapsedNanos, boolean redelivered) {
    }

    /** The verdict of one run; {@link #toString()} is what the test prints. */
    public record Report(String scenario, Duration elapsed, long stamped, long succeeded, long failed,
            long unfinished, long lost, long duplicated, long extraCopies, long falselyFailed, long errors,
            long undocumented, long escaped, long redelivered, Map<String, Long> failuresByType, List<Long> lostSample,
            List<String> problemSample) {

        /**
         * At least once: nothing that succeeded is missing at the hub, nothing failed that the hub has (unless its
         * send timeout truly expired), every exchange ended, and every failure is a documented exception, never an
         * Error.
         */
        public void checkAtLeastOnce(SoftAssertions softly) {
            softly.assertThat(unfinished).as("%s: exchanges that never ended", scenario).isZero();
            softly.assertThat(lost).as("%s: lost (succeeded, never at the hub): %s", scenario, lostSample).isZero();
            softly.assertThat(falselyFailed).as("%s: falsely failed: %s", scenario, problemSample).isZero();
            softly.assertThat(errors).as("%s: failed with an Error: %s", scenario, problemSample).isZero();
            softly.assertThat(undocumented).as("%s: undocumented failures: %s", scenario, failuresByType).isZero();
            softly.assertThat(escaped).as("%s: throwables that escaped Camel to the sender: %s", scenario,
                    problemSample).isZero();
        }

        @Override
        public String toString() {
            return "[" + scenario + "] after " + elapsed.toMillis() + " ms: stamped=" + stamped + " succeeded="
                    + succeeded + " failed=" + failed + " unfinished=" + unfinished + " lost=" + lost + " duplicated="
                    + duplicated + " (extra copies " + extraCopies + ") falselyFailed=" + falselyFailed + " errors=" + errors
                    + " undocumented="
                    + undocumented + " escaped=" + escaped + " redelivered=" + redelivered + " failures="
                    + failuresByType + (lostSample.isEmpty() ? "" : " lostSample=" + lostSample)
                    + (problemSample.isEmpty() ? "" : " problems=" + problemSample);
        }
    }

    private final String scenario;
    private final Duration sendTimeout;
    private final long createdNanos = System.nanoTime();
    private final AtomicLong nextSeq = new AtomicLong();
    private final Map<Long, Outcome> outcomes = new ConcurrentHashMap<>();
    private final Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
    private final Queue<Throwable> escaped = new ConcurrentLinkedQueue<>();

    /** @param sendTimeout the endpoints' sendTimeout: a TimeoutException after it truly expired is no false failure */
    public DeliveryLedger(String scenario, Duration sendTimeout) {
        this.scenario = scenario;
        this.sendTimeout = sendTimeout;
    }

    /** A Camel processor for the start of a route: numbers the exchange and records how its unit of work ends. */
    public void stamp(Exchange exchange) {
        long seq = nextSeq.incrementAndGet();
        long start = System.nanoTime();
        exchange.getMessage().setBody(Long.toString(seq));
        exchange.getMessage().setHeader(SEQ_HEADER, seq);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                Integer redeliveries = done.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
                outcomes.put(seq, new Outcome(done.getException(), System.nanoTime() - start,
                        redeliveries != null && redeliveries > 0));
            }
        });
    }

    /** The hub received message {@code seq} (once more). */
    public void received(long seq) {
        received.computeIfAbsent(seq, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A throwable came out of Camel to the sending thread instead of ending the exchange. */
    public void escaped(Throwable throwable) {
        escaped.add(throwable);
    }

    public long stamped() {
        return nextSeq.get();
    }

    /** Distinct messages the hub received. */
    public int receivedCount() {
        return received.size();
    }

    /**
     * Waits (at most {@code timeout}) until every stamped exchange ended and the hub holds every one that succeeded,
     * then judges the run and prints the report.
     */
    public Report settle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Report report = report();
        // an exchange whose throwable escaped Camel never ends: no use waiting for it
        while ((report.unfinished() > report.escaped() || report.lost() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            report = report();
        }
        System.out.println(report);
        return report;
    }

    private Report report() {
        Map<Long, Outcome> ended = Map.copyOf(outcomes); // before the count, so an exchange is never both
        long stamped = nextSeq.get();
        long succeeded = 0;
        long failed = 0;
        long lost = 0;
        long falselyFailed = 0;
        long errors = 0;
        long undocumented = 0;
        long redelivered = 0;
        Map<String, Long> failuresByType = new TreeMap<>();
        List<Long> lostSample = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Long, Outcome> entry : ended.entrySet()) {
            Outcome outcome = entry.getValue();
            boolean atHub = received.containsKey(entry.getKey());
            redelivered += outcome.redelivered() ? 1 : 0;
            if (outcome.failure() == null) {
                succeeded++;
                if (!atHub) {
                    lost++;
                    sample(lostSample, entry.getKey());
                }
                continue;
            }
            failed++;
            Throwable cause = unwrap(outcome.failure());
            failuresByType.merge(cause.getClass().getSimpleName(), 1L, Long::sum);
            if (containsError(outcome.failure())) {
                errors++;
                sample(problems, "#" + entry.getKey() + " " + describe(outcome.failure()));
            } else if (DOCUMENTED.stream().noneMatch(type -> type.isInstance(cause))) {
                undocumented++;
                sample(problems, "#" + entry.getKey() + " " + describe(outcome.failure()));
            }
            boolean timedOutForReal = cause instanceof TimeoutException
                    && outcome.elapsedNanos() >= sendTimeout.toNanos();
            if (atHub && !timedOutForReal) {
                falselyFailed++;
                sample(problems, "#" + entry.getKey() + " failed after " + outcome.elapsedNanos() / 1_000_000
                        + " ms but the hub has it: " + describe(outcome.failure()));
            }
        }
        long duplicated = received.values().stream().filter(count -> count.get() > 1).count();
        long extraCopies = received.values().stream().mapToLong(count -> count.get() - 1).sum();
        long escapedErrors = escaped.stream().filter(DeliveryLedger::containsError).count();
        escaped.forEach(t -> sample(problems, "escaped: " + describe(t)));
        return new Report(scenario, Duration.ofNanos(System.nanoTime() - createdNanos), stamped, succeeded, failed,
                stamped - ended.size(), lost, duplicated, extraCopies, falselyFailed, errors + escapedErrors,
                undocumented, escaped.size(), redelivered, failuresByType, lostSample, problems);
    }

    /** {@link Report#checkAtLeastOnce} on its own. */
    public static void assertAtLeastOnce(Report report) {
        SoftAssertions.assertSoftly(report::checkAtLeastOnce);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && isWrapper(cause)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static boolean isWrapper(Throwable failure) {
        return WRAPPERS.stream().anyMatch(type -> type.isInstance(failure));
    }

    private static boolean containsError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Error) {
                return true;
            }
        }
        return false;
    }

    /** The failure and where it came from: a StackOverflowError's message is empty, its frames say it all. */
    private static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        return cause + " at " + Arrays.stream(cause.getStackTrace()).limit(3).toList();
    }

    private static <T> void sample(List<T> sample, T item) {
        if (sample.size() < SAMPLE) {
            sample.add(item);
        }
    }
}
