package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a connection last heard from the hub, as the liveness rule reads it. */
class LinkTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ClientLoops loops = ClientLoops.create(ClientLoops.Kind.PLATFORM, scheduler);

    @AfterEach
    void stop() {
        loops.close();
        scheduler.shutdownNow();
    }

    @Test
    void pubacksInQuickSuccessionLeaveTheTimeAloneForAMillisecond() throws Exception {
        Link link = Link.open(1, settings(), scheduler, loops);
        link.heard();
        long heard = link.lastInboundNanos();

        link.heard(); // the next PUBACK: the cache line every sender reads stays theirs
        boolean withinAMillisecond = System.nanoTime() - heard < 1_000_000;
        if (withinAMillisecond) { // unless this thread was descheduled in between
            assertThat(link.lastInboundNanos()).isEqualTo(heard);
        }
        Thread.sleep(2);
        link.heard();

        assertThat(link.lastInboundNanos()).isGreaterThan(heard);
    }

    private static SessionSettings settings() {
        Duration second = Duration.ofSeconds(1);
        return new SessionSettings("hub.example", "ssl://127.0.0.1:1", Identity.device("link-test"), "user",
                PasswordSources.x509(), (SSLSocketFactory) SSLSocketFactory.getDefault(), 60, second, second,
                second, second, 10, false, second, second, 404, OutboxSettings.NONE, "test", null, null);
    }
}
