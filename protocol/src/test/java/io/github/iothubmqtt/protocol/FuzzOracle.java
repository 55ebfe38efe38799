package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every {@code *FuzzTest} target checks, and how it reads its input. A target's input is text; builders take
 * its lines as their arguments, so the committed inputs under {@code src/test/resources} stay readable.
 */
final class FuzzOracle {

    /** Each target's budget under {@code -Pfuzz}: a million inputs, or this long on a busy machine, whichever comes first. */
    static final long RUNS = 1_000_000;
    static final String MAX_DURATION = "60m";

    private FuzzOracle() {
    }

    /** The input as text; bytes that are not UTF-8 read as U+FFFD. */
    static String text(byte[] input) {
        return new String(input, StandardCharsets.UTF_8);
    }

    /** The input's lines, for a builder's arguments: {@code line(i)} is empty past the last one. */
    record Lines(List<String> lines) {
        static Lines of(byte[] input) {
            return new Lines(Arrays.asList(text(input).split("\n", -1)));
        }

        String line(int index) {
            return index < lines.size() ? lines.get(index) : "";
        }

        /** A line as an optional argument: empty means none. */
        String optional(int index) {
            return line(index).isEmpty() ? null : line(index);
        }
    }

    /** The identity of lines {@code first} (device id) and {@code first + 1} (module id, none if empty), or {@code null} if invalid. */
    static Identity identity(Lines lines, int first) {
        return attempt(() -> new Identity(lines.line(first), lines.optional(first + 1)));
    }

    /** Properties from the lines from {@code first} on, names and values alternating; a name without a value line is key-only. */
    static Map<String, String> properties(Lines lines, int first) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (int i = first; i < lines.lines().size(); i += 2) {
            properties.put(lines.line(i), i + 1 < lines.lines().size() ? lines.line(i + 1) : null);
        }
        return properties;
    }

    /** A line as a number argument, or {@code null} when it is none. */
    static Long number(String line) {
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * Calls a parser or builder: its result, or {@code null} when it refused the input with an
     * {@link IllegalArgumentException} that says something. Any other exception escapes and is a finding.
     */
    static <T> T attempt(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).as("the message of %s", refused).isNotBlank();
            return null;
        }
    }

    /** Like {@link #attempt}, for a check that returns nothing: whether it accepted. */
    static boolean accepts(Runnable check) {
        return attempt(() -> {
            check.run();
            return true;
        }) != null;
    }

    /** The messages of a refusal and of all its causes, as a log would print them; {@code null} when accepted. */
    static String refusal(Runnable call) {
        try {
            call.run();
            return null;
        } catch (IllegalArgumentException refused) {
            StringBuilder messages = new StringBuilder();
            for (Throwable t = refused; t != null; t = t.getCause()) {
                messages.append(t).append('\n');
            }
            return messages.toString();
        }
    }

    /** A part of the input that is a credential: a key, a signature, or what may be one pasted without its name. */
    record Secret(int start, int end) {
    }

    /**
     * The refusal of {@code input} must not show any of its secrets. A secret's text may appear by coincidence (a key
     * {@code "HostName"} in "HostName is missing"); it is shown only if it disappears when that secret alone is changed,
     * which is checked by rotating its letters and digits (same length, same character classes, so the same validity).
     */
    static void assertHidesSecrets(String input, List<Secret> secrets, Function<String, String> refusalOf) {
        String refusal = refusalOf.apply(input);
        if (refusal == null) {
            return;
        }
        for (Secret secret : secrets) {
            String text = input.substring(secret.start(), secret.end());
            if (!text.isEmpty() && refusal.contains(text)) {
                String disguised = input.substring(0, secret.start()) + rotate(text) + input.substring(secret.end());
                String disguisedRefusal = refusalOf.apply(disguised);
                assertThat(disguisedRefusal).as("the refusal of %s shows the secret %s:%n%s", input, text, refusal)
                        .isNotNull().contains(text);
            }
        }
    }

    private static String rotate(String text) {
        StringBuilder rotated = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                rotated.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                rotated.append((char) ('A' + (c - 'A' + 13) % 26));
            } else if (c >= '0' && c <= '9') {
                rotated.append((char) ('0' + (c - '0' + 5) % 10));
            } else {
                rotated.append(c);
            }
        }
        return rotated.toString();
    }
}
