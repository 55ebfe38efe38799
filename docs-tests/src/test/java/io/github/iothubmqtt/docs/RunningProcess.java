package io.github.iothubmqtt.docs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** A process started by a test, its standard output and error collected line by line; closing it kills it. */
final class RunningProcess implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration EXIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private RunningProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::collectOutput, name + " output");
        reader.setDaemon(true);
        reader.start();
    }

    static RunningProcess start(String name, ProcessBuilder builder) {
        try {
            return new RunningProcess(name, builder.redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code bash -c script} in the directory. */
    static RunningProcess shell(String name, String script, Path directory) {
        return start(name, new ProcessBuilder("bash", "-c", script).directory(directory.toFile()));
    }

    /** Runs {@code bash -c script} in the directory to its end; fails unless it exits with 0 in time. */
    static List<String> runShell(String script, Path directory, Duration timeout) throws InterruptedException {
        try (RunningProcess commands = shell("bash -c '" + script + "'", script, directory)) {
            return commands.awaitSuccess(timeout);
        }
    }

    /** Waits until the output holds the expected lines in their order; fails with the output when it does not in time. */
    List<String> awaitOutput(String expectedBlock, Duration timeout) throws InterruptedException {
        return awaitOutput(expectedBlock, timeout, new ExpectedOutput(expectedBlock)::isIn);
    }

    /** Waits until the output holds each expected line, in any order; fails with the output when it does not in time. */
    List<String> awaitOutputInAnyOrder(String expectedBlock, Duration timeout) throws InterruptedException {
        return awaitOutput(expectedBlock, timeout, new ExpectedOutput(expectedBlock)::eachIn);
    }

    private List<String> awaitOutput(String expectedBlock, Duration timeout, Predicate<List<String>> holdsExpected)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!holdsExpected.test(output) && System.nanoTime() < deadline && process.isAlive()) {
            Thread.sleep(POLL.toMillis());
        }
        assertThat(holdsExpected.test(output))
                .as("%s printed, by %s:%n%s%nnot the expected lines:%n%s", name, timeout, String.join("\n", output),
                        expectedBlock)
                .isTrue();
        return List.copyOf(output);
    }

    /** Waits for the process to end by itself; fails when it does not in time or exits with another status than 0. */
    List<String> awaitSuccess(Duration timeout) throws InterruptedException {
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        reader.join(EXIT.toMillis());
        assertThat(ended && process.exitValue() == 0)
                .as("%s ended with status 0 within %s; it printed:%n%s", name, timeout, String.join("\n", output))
                .isTrue();
        return List.copyOf(output);
    }

    /** Kills the process: what it does on a graceful stop is not what the tests check, and it would take seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        } catch (IOException | UncheckedIOException e) {
            output.add("(" + name + "'s output could not be read: " + e + ")");
        }
    }
}
