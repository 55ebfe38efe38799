package io.github.iothubmqtt.camel.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * A few daemon threads that feed a Camel endpoint (a route's {@code direct:} entry) with asynchronous sends, at most
 * {@code maxOutstanding} exchanges unfinished at a time, until {@code total} were sent or {@link #stop()}. Throwables
 * that escape Camel to a sending thread go to the ledger.
 */
public final class Senders implements AutoCloseable {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final AsyncProducer producer;
    private final DeliveryLedger ledger;
    private final int total;
    private final long pauseNanos;
    private final Semaphore outstanding;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger submitted = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /** @param perSecond all threads together; 0 for as fast as the bound allows */
    private Senders(AsyncProducer producer, DeliveryLedger ledger, int threadCount, int total, int maxOutstanding,
            int perSecond) {
        this.producer = producer;
        this.ledger = ledger;
        this.total = total;
        this.pauseNanos = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(threadCount) / perSecond;
        this.outstanding = new Semaphore(maxOutstanding);
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(this::run, "sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    public static Senders start(CamelContext context, String uri, DeliveryLedger ledger, int threadCount, int total,
            int maxOutstanding, int perSecond) throws Exception {
        AsyncProducer producer = context.getEndpoint(uri).createAsyncProducer();
        ServiceHelper.startService(producer);
        Senders senders = new Senders(producer, ledger, threadCount, total, maxOutstanding, perSecond);
        senders.threads.forEach(Thread::start);
        return senders;
    }

    private void run() {
        while (!stopped && claimed.incrementAndGet() <= total) {
            try {
                while (!outstanding.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (stopped) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
            Exchange exchange = producer.getEndpoint().createExchange();
            try {
                producer.process(exchange, doneSync -> outstanding.release());
            } catch (Throwable t) { // an Error included: the ledger counts what escaped, the run goes on
                outstanding.release();
                ledger.escaped(t);
            }
            submitted.incrementAndGet();
            if (pauseNanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(pauseNanos);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Exchanges handed to Camel so far. */
    public int submitted() {
        return submitted.get();
    }

    /** Waits until {@code count} exchanges were handed to Camel; false if the deadline came first. */
    public boolean awaitSubmitted(int count, Instant deadline) throws InterruptedException {
        while (submitted.get() < count) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Sends no more; waits (bounded) for the threads to leave. */
    public void stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(JOIN_TIMEOUT.toMillis());
        }
    }

    /** Waits until every thread sent its share of {@code total}; false if the deadline came first. */
    public boolean awaitAllSent(Instant deadline) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
        }
        return submitted.get() >= total;
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        threads.forEach(Thread::interrupt); // a sender may wait for room in the session's in-flight window
        for (Thread thread : threads) {
            thread.join(JOIN_TIMEOUT.toMillis());
        }
        ServiceHelper.stopService(producer);
    }
}
