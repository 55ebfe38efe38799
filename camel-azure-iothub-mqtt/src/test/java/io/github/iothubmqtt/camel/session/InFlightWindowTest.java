package io.github.iothubmqtt.camel.session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightWindowTest {

    @Test
    void failFastRefusesWhenFullAndAcceptsAfterARelease() {
        InFlightWindow window = new InFlightWindow(2, true);
        window.acquire(Duration.ofSeconds(1), false);
        window.acquire(Duration.ofSeconds(1), false);

        assertThatThrownBy(() -> window.acquire(Duration.ofSeconds(1), false))
                .isInstanceOf(InFlightWindowFullException.class).hasMessageContaining("all 2 in-flight slots");
        window.release();
        window.acquire(Duration.ofSeconds(1), false);
        assertThat(window.inUse()).isEqualTo(2);
    }

    @Test
    void theIoThreadNeverWaits() {
        InFlightWindow window = new InFlightWindow(1, false);
        window.acquire(Duration.ofSeconds(1), false);

        assertThatThrownBy(() -> window.acquire(Duration.ofMinutes(10), true))
                .isInstanceOf(InFlightWindowFullException.class).hasMessageContaining("own I/O thread");
    }

    @Test
    void waitingGivesUpAfterTheTimeout() {
        InFlightWindow window = new InFlightWindow(1, false);
        window.acquire(Duration.ofSeconds(1), false);

        assertThatThrownBy(() -> window.acquire(Duration.ofMillis(10), false))
                .isInstanceOf(InFlightWindowFullException.class).hasMessageContaining("none became free");
    }
}
