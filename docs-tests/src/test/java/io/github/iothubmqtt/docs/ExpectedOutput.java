package io.github.iothubmqtt.docs;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An expected-output block of a document: its lines must appear in the actual output, in that order or in any order,
 * with other lines between them allowed; {@code …} in an expected line stands for any text (keys, ports, paths, thread
 * numbers).
 */
final class ExpectedOutput {

    private final List<Pattern> lines;

    ExpectedOutput(String block) {
        this.lines = block.lines().map(ExpectedOutput::pattern).toList();
    }

    /** Whether the actual lines hold the expected ones in their order. */
    boolean isIn(List<String> actual) {
        int next = 0;
        for (String line : actual) {
            if (next < lines.size() && lines.get(next).matcher(line).matches()) {
                next++;
            }
        }
        return next == lines.size();
    }

    /** Whether the actual lines hold each expected one, in any order. */
    boolean eachIn(List<String> actual) {
        return lines.stream().allMatch(line -> actual.stream().anyMatch(printed -> line.matcher(printed).matches()));
    }

    private static Pattern pattern(String line) {
        StringBuilder regex = new StringBuilder();
        for (String literal : line.split("…", -1)) {
            regex.append(regex.isEmpty() ? "" : ".*").append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }
}
