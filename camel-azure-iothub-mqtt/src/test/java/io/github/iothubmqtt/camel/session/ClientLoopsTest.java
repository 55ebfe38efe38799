package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paho checks that a loop runs right after submitting it and sleeps 100 ms when it does not: submitting returns only
 * once the loop got past its first lines, on virtual threads (Java 21+) and on platform threads alike.
 */
class ClientLoopsTest {

    private static final int LOOPS = 200;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CountDownLatch stop = new CountDownLatch(1);

    @AfterEach
    void stopLoops() {
        stop.countDown();
        timers.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(ClientLoops.Kind.class)
    void aSubmittedLoopHasBegunWhenSubmitReturns(ClientLoops.Kind kind) throws InterruptedException {
        try (ClientLoops loops = ClientLoops.create(kind, timers)) {
            int notYetRunning = 0;
            for (int i = 0; i < LOOPS; i++) {
                AtomicBoolean running = new AtomicBoolean();
                loops.forClient().submit(() -> {
                    running.set(true); // as Paho's loops mark themselves running first
                    awaitStop();
                });
                if (!running.get()) {
                    notYetRunning++;
                }
            }

            // only a loop thread preempted for over 2 ms between its first lines and its first wait may be missed
            assertThat(notYetRunning).as("loops not yet running when submit returned, of " + LOOPS).isLessThanOrEqualTo(2);
        }
    }

    /** The callback loop frees in-flight room: a send from any loop's thread fails at once rather than waiting. */
    @ParameterizedTest
    @EnumSource(ClientLoops.Kind.class)
    void aLoopRunsOnAThreadMarkedAsTheConnectionsIoThread(ClientLoops.Kind kind) throws Exception {
        try (ClientLoops loops = ClientLoops.create(kind, timers)) {
            CompletableFuture<Boolean> marked = new CompletableFuture<>();
            Runnable loop = () -> marked.complete(IoThread.isCurrent()); // Paho's loops are Runnables
            loops.forClient().submit(loop);

            assertThat(marked.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(IoThread.isCurrent()).as("the submitting thread").isFalse();
        }
    }

    private void awaitStop() {
        try {
            stop.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
