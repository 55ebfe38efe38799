package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class PendingPublishTest {

    private final InFlightWindow window = new InFlightWindow(1, true);

    @Test
    void onlyOneCallerFinishesAMessage() {
        PendingPublish message = new PendingPublish("t", new byte[0], 1, 0, window, error -> {
        });

        assertThat(message.finished()).isFalse();
        assertThat(message.finish()).isTrue();
        assertThat(message.finish()).isFalse();
        assertThat(message.finished()).isTrue();
    }

    @Test
    void theSenderIsToldAfterTheWindowHasRoomAgain() {
        window.acquire(Duration.ZERO, false);
        AtomicInteger inUseWhenTold = new AtomicInteger(-1);
        AtomicReference<Throwable> told = new AtomicReference<>(new AssertionError("not told"));
        PendingPublish message = new PendingPublish("t", new byte[0], 1, 0, window, error -> {
            inUseWhenTold.set(window.inUse());
            told.set(error);
        });

        message.succeed();

        assertThat(told.get()).isNull();
        assertThat(inUseWhenTold.get()).as("a send chained on this thread finds room").isZero();
    }

    @Test
    void aSenderThatThrowsDoesNotReachPahosThread() {
        window.acquire(Duration.ZERO, false);
        PendingPublish message = new PendingPublish("t", new byte[0], 1, 0, window, error -> {
            throw new IllegalStateException("route failed");
        });

        assertThatCode(() -> message.fail(new RuntimeException("refused"))).doesNotThrowAnyException();
        assertThat(window.inUse()).isZero();
    }
}
