package io.github.iothubmqtt.emulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the emulator logs while open: slf4j-simple (and Vert.x and Netty through it) write to whatever
 * {@code System.err} is at the time of each line, so the test swaps it.
 */
final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedLog() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    static CapturedLog start() {
        return new CapturedLog();
    }

    List<String> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Override
    public void close() {
        System.setErr(original);
        original.print(captured.toString(StandardCharsets.UTF_8));
    }
}
