package io.github.iothubmqtt.camel.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {

    @ParameterizedTest(name = "{0} ms -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0|0 ms",
            "20|20 ms",
            "999|999 ms",
            "1000|1 s",
            "8000|8 s",
            "8500|8.5 s",
            "1250|1.25 s",
            "59999|59.999 s",
            "60000|1 min",
            "90000|1 min 30 s",
            "3600000|1 h",
            "5430000|1 h 30 min 30 s",
            "86400000|1 d",
            "90061000|1 d 1 h 1 min 1 s",
            "-8000|-8 s",
    })
    void readsAsPeopleWriteIt(long millis, String text) {
        assertThat(DurationText.ofMillis(millis)).isEqualTo(text);
        assertThat(DurationText.of(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void noDurationReadsAsNone() {
        assertThat(DurationText.of(null)).isEqualTo("none");
    }
}
