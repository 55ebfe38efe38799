package io.github.iothubmqtt.camel.session;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.iothubmqtt.camel.test.Rates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectPacerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void startsNoMoreThanTheRatePerSecondEvenlySpaced() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(100, 0, scheduler);
        List<Long> starts = runAll(pacer, 250);
        assertThat(Rates.maxInAnySecond(starts)).isLessThanOrEqualTo(100);
        // evenly spaced: 250 starts at 100/s take about 2.5 s, not a burst of 100 then a pause
        assertThat(TimeUnit.NANOSECONDS.toMillis(starts.get(249) - starts.get(0))).isBetween(2_400L, 4_000L);
    }

    @Test
    void keepsNoMoreThanTheConcurrencyInProgress() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(0, 5, scheduler);
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(40);
        for (int i = 0; i < 40; i++) {
            pacer.submit(permit -> {
                most.accumulateAndGet(inProgress.incrementAndGet(), Math::max);
                scheduler.schedule(() -> {
                    inProgress.decrementAndGet();
                    permit.release();
                    done.countDown();
                }, 10, TimeUnit.MILLISECONDS);
            });
        }
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(most.get()).isEqualTo(5);
    }

    @Test
    void aPermitReleasedTwiceFreesOneSlot() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(0, 1, scheduler);
        CountDownLatch second = new CountDownLatch(1);
        CountDownLatch third = new CountDownLatch(1);
        pacer.submit(permit -> {
            permit.release();
            permit.release();
        });
        pacer.submit(permit -> second.countDown()); // holds the only slot: never released
        pacer.submit(permit -> third.countDown());
        assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(third.await(300, TimeUnit.MILLISECONDS)).as("a double release must not open a second slot").isFalse();
    }

    @Test
    void anAttemptThatThrowsGivesItsSlotBack() throws InterruptedException {
        ConnectPacer pacer = new ConnectPacer(0, 1, scheduler);
        CountDownLatch next = new CountDownLatch(1);
        pacer.submit(permit -> {
            throw new IllegalStateException("cannot start");
        });
        pacer.submit(permit -> next.countDown());
        assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesNegativeLimits() {
        assertThatThrownBy(() -> new ConnectPacer(-1, 0, scheduler)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("connectRate");
    }

    /** Submits {@code count} attempts that release at once; returns when each started, in order. */
    private List<Long> runAll(ConnectPacer pacer, int count) throws InterruptedException {
        ConcurrentLinkedQueue<Long> starts = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            pacer.submit(permit -> {
                starts.add(System.nanoTime());
                permit.release();
                done.countDown();
            });
        }
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        return List.copyOf(starts);
    }
}
