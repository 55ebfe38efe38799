package io.github.iothubmqtt.camel.session.outbox;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * The child JVM of {@link DurableOutboxLogCrashTest}: opens the store in {@code args[0]}, prints {@code opened}, then
 * appends from two threads over three partitions and prints {@code ack <sequence> <counter> <partition> end} as soon as
 * an append completes; removes (acknowledges) every third message right after printing it. Stops after
 * {@link #MAX_MESSAGES}, or when killed.
 */
public final class OutboxAppender {

    static final int PARTITIONS = 3;
    static final int MAX_MESSAGES = 2_000_000;
    private static final int THREADS = 2;
    private static final int WINDOW = 200;

    private OutboxAppender() {
    }

    static String partition(int index) {
        return "hub.example.net/device-" + index;
    }

    static String messageId(String run, long counter) {
        return run + "-" + counter;
    }

    /** A telemetry topic that carries the message id, as the outbox's topics do. */
    static String topic(int partition, String messageId) {
        return "devices/device-" + partition + "/messages/events/%24.mid=" + messageId;
    }

    /** The id a topic of {@link #topic} carries. */
    static String messageId(String topic) {
        return topic.substring(topic.indexOf("%24.mid=") + "%24.mid=".length());
    }

    /** 200 bytes that only this message has, so that a torn or mixed-up entry shows. */

    static byte[] payload(String messageId) {
        return (messageId + ":").repeat(200).substring(0, 200).getBytes(StandardCharsets.UTF_8);
    }

    static boolean removedOnAck(long counter) {
        return counter % 3 == 0;
    }

    public static void main(String[] args) throws Exception {
        String run = args[1];
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        try (DurableOutboxStore store = DurableOutboxStore.open(Path.of(args[0]))) {
            List<OutboxLog> logs = IntStream.range(0, PARTITIONS).mapToObj(i -> store.log(partition(i))).toList();
            out.println("opened");
            out.flush();
            List<Thread> threads = IntStream.range(0, THREADS).mapToObj(t -> new Thread(() -> append(logs, run, t, out)))
                    .toList();
            threads.forEach(Thread::start);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static void append(List<OutboxLog> logs, String run, int thread, PrintStream out) {
        Semaphore window = new Semaphore(WINDOW);
        for (long counter = thread; counter < MAX_MESSAGES; counter += THREADS) {
            long current = counter;
            int partition = (int) (counter % PARTITIONS);
            OutboxLog log = logs.get(partition);
            String messageId = messageId(run, counter);
            window.acquireUninterruptibly();
            log.append(topic(partition, messageId), payload(messageId)).thenAccept(entry -> {
                synchronized (out) {
                    out.println("ack " + entry.sequence() + " " + current + " " + partition + " end");
                    out.flush();
                }
                if (removedOnAck(current)) {
                    log.remove(entry.sequence());
                }
                window.release();
            });
        }
        window.acquireUninterruptibly(WINDOW);
    }
}
