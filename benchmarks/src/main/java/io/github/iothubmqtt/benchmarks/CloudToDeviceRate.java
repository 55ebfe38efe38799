package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.HubException;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * C2D messages received per second, the hub keeping its queue of 50 full: a {@code from("iothub-mqtt:c2d")} route
 * against a raw Paho subscriber.
 */
final class CloudToDeviceRate {

    private static final Duration RECEIVE_TIMEOUT = Duration.ofMinutes(2);
    private final IotHubEmulator hub;
    private final byte[] body = new byte[TelemetryThroughput.BODY_BYTES];

    CloudToDeviceRate(IotHubEmulator hub) {
        this.hub = hub;
    }

    double camel(Identity device, int count) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        try (CamelDevices camel = new CamelDevices(hub)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(camel.uri("c2d", device, "")).process(exchange -> received.countDown());
                }
            });
            camel.start();
            camel.awaitConnected(1, Duration.ofSeconds(30));
            return sendAndAwait(device, count, received);
        }
    }

    double rawPaho(Identity device, int count, SSLContext tls) throws Exception {
        CountDownLatch received = new CountDownLatch(count);
        try (RawPahoDevice paho = RawPahoDevice.connect(ConnectionString.parse(hub.connectionString(device)), hub.mqttPort(),
                tls, 10)) {
            paho.client.subscribe(CloudToDevice.subscribeFilter(device), 1, (topic, message) -> received.countDown())
                    .waitForCompletion(10_000);
            return sendAndAwait(device, count, received);
        }
    }

    private double sendAndAwait(Identity device, int count, CountDownLatch received) throws Exception {
        long start = System.nanoTime();
        for (int sent = 0; sent < count;) {
            try {
                hub.service().sendC2d(device, body, Map.of());
                sent++;
            } catch (HubException queueFull) {
                Thread.sleep(1);
            }
        }
        if (!received.await(RECEIVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(received.getCount() + " C2D messages not received within " + RECEIVE_TIMEOUT);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }
}
