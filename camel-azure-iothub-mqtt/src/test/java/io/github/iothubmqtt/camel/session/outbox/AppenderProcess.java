package io.github.iothubmqtt.camel.session.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A child JVM running {@link OutboxAppender} on a directory, and the acknowledgements it printed. */
final class AppenderProcess implements AutoCloseable {

    /** An append the child saw complete, of message {@code counter} of run {@code run}. */
    record Ack(String run, long sequence, long counter, int partition) {
        String messageId() {
            return OutboxAppender.messageId(run, counter);
        }
    }

    private final String run;
    private final Process process;
    private final Path errors;
    private final List<Ack> acks = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private AppenderProcess(String run, Process process, Path errors) {
        this.run = run;
        this.process = process;
        this.errors = errors;
        this.reader = new Thread(this::read, "appender-output-" + run);
        reader.start();
    }

    /** {@code errors} receives the child's standard error, shown when it does not ack in time. */
    static AppenderProcess start(Path directory, String run, Path errors) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                OutboxAppender.class.getName(), directory.toString(), run)
                .redirectError(errors.toFile())
                .start();
        return new AppenderProcess(run, process, errors);
    }

    /** Waits, at most {@code timeout}, until the child printed {@code count} acknowledgements. */
    void awaitAcks(int count, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acks.size() < count && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(5);
        }
        assertThat(acks.size()).as("acknowledgements of the child; its standard error: %s", Files.readString(errors))
                .isGreaterThanOrEqualTo(count);
    }

    /**
     * kill -9, then waits for what the child printed before it died. Through the process handle, because
     * {@code Process.destroyForcibly()} also closes the pipe, dropping lines not read yet.
     */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Only complete lines count: the last one may have been cut by the kill, hence the closing {@code end}. */
    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String[] fields = line.split(" ");
                if (fields.length == 5 && fields[0].equals("ack") && fields[4].equals("end")) {
                    acks.add(new Ack(run, Long.parseLong(fields[1]), Long.parseLong(fields[2]), Integer.parseInt(fields[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
