package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.TwinTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin of one session: GET and reported PATCH correlated by {@code $rid}, retried on 429 and 5xx, and
 * desired-property notifications fanned out to listeners. One per session, because the hub allows one
 * subscription per topic filter and five in all.
 */
public final class TwinChannel {

    private static final Logger LOG = LoggerFactory.getLogger(TwinChannel.class);
    /** The hub's answer to a request over its unit's limit. */
    private static final int THROTTLED = 429;

    /** The hub's answer to a twin request. */
    public record Answer(int status, Long version, byte[] body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        boolean isRetryable() {
            return status == THROTTLED || status >= 500;
        }
    }

    /** How requests that the hub throttled or failed (429, 5xx) are retried. */
    public record RetryPolicy(int attempts, Duration firstDelay, Duration maxDelay) {
        public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

        long delayMillis(int retry) {
            return Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(retry, 20));
        }
    }

    /** Twice the desired and reported sections at their limit: no genuine answer comes near it. */
    static final int MAX_ANSWER_BYTES = 4 * HubLimits.MAX_TWIN_SECTION_BYTES;

    private final DeviceChannel session;
    private final SessionExecutors executors;
    private final PendingRequests<Answer> requests;
    private final List<MessageHandler> desiredListeners = new CopyOnWriteArrayList<>();
    private boolean responsesSubscribed;
    private boolean desiredSubscribed;

    TwinChannel(DeviceChannel session, SessionExecutors executors) {
        this.session = session;
        this.executors = executors;
        this.requests = new PendingRequests<>(executors.scheduler(), executors.work());
    }

    /** Reads the whole twin: {@code {"desired":{…},"reported":{…}}}. */
    public CompletableFuture<Answer> get(Duration timeout, RetryPolicy retry) {
        return withRetries(() -> request(TwinTopics::getTopic, new byte[0], timeout, "twin GET of " + session.identity()),
                retry, 0);
    }

    /** Patches the reported properties; a non-null {@code baseVersion} asks the hub for optimistic concurrency. */
    public CompletableFuture<Answer> patchReported(byte[] patch, Long baseVersion, Duration timeout, RetryPolicy retry) {
        return withRetries(() -> request(rid -> TwinTopics.patchReportedTopic(rid, baseVersion), patch, timeout,
                "reported PATCH of " + session.identity()), retry, 0);
    }

    /** Receives desired-property notifications (on the session's I/O thread: hand off long work). */
    public void addDesiredListener(MessageHandler listener) {
        desiredListeners.add(listener);
        synchronized (this) {
            if (!desiredSubscribed) {
                desiredSubscribed = true;
                session.subscribe(TwinTopics.DESIRED_FILTER, 0, message -> desiredListeners.forEach(l -> l.onMessage(message)));
            }
        }
    }

    public void removeDesiredListener(MessageHandler listener) {
        desiredListeners.remove(listener);
    }

    void close(Throwable cause) {
        requests.failAll(cause);
    }

    private interface Attempt {
        CompletableFuture<Answer> run();
    }

    /** Completes with the last answer, or fails with the attempt's own exception (not wrapped, for the route to see). */
    private CompletableFuture<Answer> withRetries(Attempt attempt, RetryPolicy retry, int retries) {
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt.run().whenComplete((answer, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            if (answer.status() == THROTTLED) {
                session.counters().throttled();
            }
            if (!answer.isRetryable() || retries >= retry.attempts()) {
                result.complete(answer);
                return;
            }
            long delay = retry.delayMillis(retries);
            LOG.debug("Twin request of {} answered {}; retry {} of {} in {} ms", session.identity(),
                    answer.status(), retries + 1, retry.attempts(), delay);
            // the timer only hands the retry over: a retry may wait for room in the window, and its answer runs a route
            executors.scheduler().schedule(
                    () -> executors.work().execute(() -> withRetries(attempt, retry, retries + 1).whenComplete((a, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(a);
                        }
                    })), delay, TimeUnit.MILLISECONDS);
        });
        return result;
    }

    private CompletableFuture<Answer> request(java.util.function.Function<String, String> topicOfRid, byte[] body,
            Duration timeout, String description) {
        subscribeResponses();
        PendingRequests.Request<Answer> request = requests.open(timeout, description);
        session.publish(topicOfRid.apply(request.rid()), body, 1).whenComplete((sent, error) -> {
            if (error != null) {
                request.answer().completeExceptionally(error);
            }
        });
        return request.answer();
    }

    private synchronized void subscribeResponses() {
        if (!responsesSubscribed) {
            responsesSubscribed = true;
            session.subscribe(TwinTopics.RESPONSE_FILTER, 0, this::onResponse);
        }
    }

    /**
     * An answer the session cannot read, or that answers nothing open, is dropped with a WARN: the hub is at fault and
     * the request, if any, still fails at its timeout. An answer over {@link #MAX_ANSWER_BYTES} fails its request.
     */
    private void onResponse(InboundMessage message) {
        TwinTopics.Response response;
        try {
            response = TwinTopics.parseResponse(message.topic());
        } catch (IllegalArgumentException e) {
            LOG.warn("Dropped a twin answer to {} that cannot be read ({}); its request fails at its timeout",
                    session.identity(), e.getMessage());
            return;
        }
        int size = message.payload().length;
        if (size > MAX_ANSWER_BYTES) {
            String refusal = "the hub answered twin request " + response.rid() + " of " + session.identity() + " with "
                    + size + " bytes, more than a twin can hold (" + MAX_ANSWER_BYTES + "); refused";
            if (requests.fail(response.rid(), new IllegalStateException(refusal))) {
                LOG.warn("{}", refusal);
                return;
            }
        } else if (requests.complete(response.rid(), new Answer(response.status(), response.version(), message.payload()))) {
            return;
        }
        LOG.warn("Dropped a twin answer to {} with $rid {}: no request of that $rid is open (a duplicate, an unknown"
                + " $rid, or an answer after the request's timeout)", session.identity(), response.rid());
    }
}
