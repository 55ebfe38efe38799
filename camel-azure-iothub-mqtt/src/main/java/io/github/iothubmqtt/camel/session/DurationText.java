package io.github.iothubmqtt.camel.session;

import java.math.BigDecimal;
import java.time.Duration;

/** Durations as people read them in logs and errors ("8 s", "1 h 30 min"), not as ISO-8601 ("PT8S", "PT1H30M"). */
public final class DurationText {

    private DurationText() {
    }

    public static String of(Duration duration) {
        if (duration == null) {
            return "none";
        }
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + " s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "min");
        append(text, duration.toSecondsPart(), "s");
        return text.toString();
    }

    public static String ofMillis(long millis) {
        return of(Duration.ofMillis(millis));
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(amount).append(' ').append(unit);
        }
    }
}
