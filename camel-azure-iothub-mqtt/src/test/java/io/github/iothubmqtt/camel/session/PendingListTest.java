package io.github.iothubmqtt.camel.session;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PendingListTest {

    private final PendingList list = new PendingList();

    @Test
    void keepsMessagesInTheOrderTheyWereAdded() {
        assertThat(list).isEmpty();
        List<PendingPublish> added = add(5);

        assertThat(list).containsExactlyElementsOf(added);
    }

    @Test
    void trimmingTheHeadStopsAtTheFirstMessageStillPending() {
        List<PendingPublish> added = add(4);
        added.get(0).finish();
        added.get(2).finish();

        list.trim(false);

        assertThat(list).containsExactly(added.get(1), added.get(2), added.get(3));
    }

    @Test
    void aFullTrimAlsoDropsFinishedMessagesBehindAPendingOneButNeverTheTail() {
        List<PendingPublish> added = add(4);
        added.get(1).finish();
        added.get(2).finish();
        added.get(3).finish();

        list.trim(true);

        assertThat(list).as("the tail stays: a sender may be linking behind it").containsExactly(added.get(0), added.get(3));
        added.get(0).finish();
        list.trim(false);
        assertThat(list).isEmpty();
        PendingPublish next = message();
        list.add(next);
        assertThat(list).containsExactly(next);
    }

    @Test
    void anIterationOnATrimmedMessageGoesOnFromTheHead() {
        List<PendingPublish> added = add(3);
        Iterator<PendingPublish> iteration = list.iterator();
        assertThat(iteration.next()).isSameAs(added.get(0));
        added.get(0).finish();
        added.get(1).finish();

        list.trim(false);

        assertThat(iteration.next()).isSameAs(added.get(2));
        assertThat(iteration.hasNext()).isFalse();
    }

    @Test
    void concurrentSendersLoseNothingAndKeepTheirOwnOrder() throws InterruptedException {
        int senders = 4;
        int each = 20_000;
        List<List<PendingPublish>> sent = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            List<PendingPublish> own = new ArrayList<>();
            sent.add(own);
            threads.add(start(() -> {
                for (int i = 0; i < each; i++) {
                    PendingPublish message = message();
                    own.add(message);
                    list.add(message);
                }
            }, start));
        }
        Thread acknowledger = start(() -> { // finishes every other message as they come
            for (int round = 0; round < 1_000; round++) {
                int index = 0;
                for (PendingPublish message : list) {
                    if (index++ % 2 == 0) {
                        message.finish();
                    }
                }
                list.trim(round % 10 == 0);
            }
        }, start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        acknowledger.join();

        Map<PendingPublish, Integer> senderOf = new IdentityHashMap<>();
        for (int s = 0; s < senders; s++) {
            for (PendingPublish message : sent.get(s)) {
                senderOf.put(message, s);
            }
        }
        List<List<PendingPublish>> remaining = new ArrayList<>();
        sent.forEach(own -> remaining.add(new ArrayList<>()));
        list.forEach(message -> remaining.get(senderOf.get(message)).add(message));
        for (int s = 0; s < senders; s++) {
            assertThat(remaining.get(s).stream().filter(message -> !message.finished()).toList())
                    .as("every unfinished message is still there, once, in its sender's order")
                    .containsExactlyElementsOf(sent.get(s).stream().filter(message -> !message.finished()).toList());
        }
    }

    private List<PendingPublish> add(int count) {
        List<PendingPublish> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PendingPublish message = message();
            added.add(message);
            list.add(message);
        }
        return added;
    }

    private static PendingPublish message() {
        return new PendingPublish("t", new byte[0], 1, 0, new InFlightWindow(1, true), error -> {
        });
    }

    private static Thread start(Runnable work, CountDownLatch start) {
        Thread thread = new Thread(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            work.run();
        });
        thread.start();
        return thread;
    }
}
