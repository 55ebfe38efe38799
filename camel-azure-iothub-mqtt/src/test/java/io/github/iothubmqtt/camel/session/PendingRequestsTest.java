package io.github.iothubmqtt.camel.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PendingRequestsTest {

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    private final PendingRequests<String> requests = new PendingRequests<>(timer, Runnable::run);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void answeredRequestsLeaveNoTimeoutBehind() {
        timer.setRemoveOnCancelPolicy(true);
        for (int i = 0; i < 1_000; i++) {
            PendingRequests.Request<String> request = requests.open(Duration.ofMinutes(1), "r" + i);
            requests.complete(request.rid(), "ok");
        }
        assertThat(timer.getQueue()).isEmpty();
    }

    @Test
    void answersFindTheirRequestByRid() throws Exception {
        PendingRequests.Request<String> first = requests.open(Duration.ofSeconds(10), "first");
        PendingRequests.Request<String> second = requests.open(Duration.ofSeconds(10), "second");
        assertThat(first.rid()).isNotEqualTo(second.rid());
        assertThat(requests.complete(second.rid(), "b")).isTrue();
        assertThat(requests.complete(first.rid(), "a")).isTrue();
        assertThat(first.answer().get(1, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(second.answer().get(1, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(requests.size()).isZero();
    }

    @Test
    void aLateAnswerFindsNothing() {
        PendingRequests.Request<String> request = requests.open(Duration.ofMillis(20), "twin GET");
        assertThatThrownBy(() -> request.answer().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("twin GET got no answer within 20 ms");
        assertThat(requests.complete(request.rid(), "late")).isFalse();
        assertThat(requests.size()).isZero();
    }

    @Test
    void failAllFailsWhatIsOpen() {
        PendingRequests.Request<String> request = requests.open(Duration.ofSeconds(10), "x");
        requests.failAll(new IllegalStateException("closed"));
        assertThat(request.answer()).isCompletedExceptionally();
        assertThat(requests.complete("unknown", "x")).isFalse();
    }
}
