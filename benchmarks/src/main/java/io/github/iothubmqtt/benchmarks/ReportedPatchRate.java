package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.TwinTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.DefaultExchange;

/** Reported-property patches per second, each awaited until the hub's 204: the twin producer against raw Paho. */
final class ReportedPatchRate {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
    private final IotHubEmulator hub;
    private final int outstanding;

    ReportedPatchRate(IotHubEmulator hub, int outstanding) {
        this.hub = hub;
        this.outstanding = outstanding;
    }

    double camel(Identity device, int patches) throws Exception {
        try (CamelDevices camel = new CamelDevices(hub)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:report").to(camel.uri("twin", device, "operation=updateReported"));
                }
            });
            camel.start();
            camel.awaitConnected(1, Duration.ofSeconds(30));
            AsyncProducer producer = camel.camel.getEndpoint("direct:report").createAsyncProducer();
            producer.start();
            Semaphore window = new Semaphore(outstanding);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < patches; i++) {
                window.acquire();
                Exchange exchange = new DefaultExchange(camel.camel);
                exchange.getMessage().setBody(Map.of("temperature", i));
                producer.process(exchange, doneSync -> {
                    if (exchange.getException() != null) {
                        failure.compareAndSet(null, exchange.getException());
                    }
                    window.release();
                });
            }
            drain(window, failure);
            return patches / ((System.nanoTime() - start) / 1e9);
        }
    }

    double rawPaho(Identity device, int patches, SSLContext tls) throws Exception {
        try (RawPahoDevice paho = RawPahoDevice.connect(ConnectionString.parse(hub.connectionString(device)), hub.mqttPort(),
                tls, 1000)) {
            Semaphore window = new Semaphore(outstanding);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            paho.client.subscribe(TwinTopics.RESPONSE_FILTER, 0, (topic, message) -> {
                if (TwinTopics.parseResponse(topic).status() != 204) {
                    failure.compareAndSet(null, new IllegalStateException("patch answered " + topic));
                }
                window.release();
            }).waitForCompletion(10_000);
            AtomicLong rid = new AtomicLong();
            long start = System.nanoTime();
            for (int i = 0; i < patches; i++) {
                window.acquire();
                paho.client.publish(TwinTopics.patchReportedTopic(Long.toString(rid.incrementAndGet()), null),
                        ("{\"temperature\":" + i + "}").getBytes(StandardCharsets.UTF_8), 1, false);
            }
            drain(window, failure);
            return patches / ((System.nanoTime() - start) / 1e9);
        }
    }

    private void drain(Semaphore window, AtomicReference<Throwable> failure) throws InterruptedException {
        if (!window.tryAcquire(outstanding, DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("patches still unanswered after " + DRAIN_TIMEOUT);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a patch failed", failure.get());
        }
    }
}
