package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.util.concurrent.SizedScheduledExecutorService;
import org.junit.jupiter.api.Test;

class SessionSchedulerTest {

    /** Hundreds of devices keep thousands of timers queued; none may be rejected. */
    @Test
    void theSharedSchedulerAcceptsTheTimersOfThousandsOfSessions() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.start();
            IotHubMqttComponent component = camel.getComponent("iothub-mqtt", IotHubMqttComponent.class);
            ScheduledExecutorService scheduler = component.scheduler();
            List<ScheduledFuture<?>> timers = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                timers.add(scheduler.schedule(() -> {
                }, 1, TimeUnit.HOURS));
            }
            assertThat(timers).hasSize(5_000).noneMatch(ScheduledFuture::isDone);
            timers.forEach(timer -> timer.cancel(false));
            assertThat(((SizedScheduledExecutorService) scheduler).getScheduledThreadPoolExecutor().getQueue())
                    .as("cancelled timers (answered requests) leave the queue at once").isEmpty();
        }
    }
}
