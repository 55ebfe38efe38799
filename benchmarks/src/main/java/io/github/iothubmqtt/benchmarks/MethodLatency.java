package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.builder.RouteBuilder;

/**
 * Direct-method round trips seen by the caller of the emulator's service API: a {@code from("iothub-mqtt:methods")}
 * route against a raw Paho responder, with one and with several concurrent callers.
 */
final class MethodLatency {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int WARM_UP_CALLS = 500;
    private static final byte[] ANSWER = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
    private final IotHubEmulator hub;

    MethodLatency(IotHubEmulator hub) {
        this.hub = hub;
    }

    /** Round-trip times in milliseconds. */
    double[] camel(Identity device, int callers, int calls) throws Exception {
        try (CamelDevices camel = new CamelDevices(hub)) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from(camel.uri("methods", device, "methodName=echo&methodConcurrency=" + callers))
                            .setBody(constant(ANSWER));
                }
            });
            camel.start();
            camel.awaitConnected(1, TIMEOUT);
            return measure(device, callers, calls);
        }
    }

    double[] rawPaho(Identity device, int callers, int calls, SSLContext tls) throws Exception {
        try (RawPahoDevice paho = RawPahoDevice.connect(ConnectionString.parse(hub.connectionString(device)), hub.mqttPort(),
                tls, 1000)) {
            paho.client.subscribe(MethodTopics.REQUEST_FILTER, 0, (topic, message) -> paho.client.publish(
                    MethodTopics.responseTopic(200, MethodTopics.parseRequest(topic).rid()), ANSWER, 1, false))
                    .waitForCompletion(10_000);
            return measure(device, callers, calls);
        }
    }

    private double[] measure(Identity device, int callers, int calls) throws Exception {
        for (int i = 0; i < WARM_UP_CALLS; i++) { // the first also waits for the subscription to reach the hub
            call(device);
        }
        List<Thread> threads = new ArrayList<>();
        double[] millis = new double[calls];
        int perCaller = calls / callers;
        for (int c = 0; c < callers; c++) {
            int first = c * perCaller;
            Thread caller = new Thread(() -> {
                for (int i = first; i < first + perCaller; i++) {
                    long start = System.nanoTime();
                    call(device);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
            }, "bench-caller-" + c);
            caller.start();
            threads.add(caller);
        }
        for (Thread caller : threads) {
            caller.join();
        }
        return java.util.Arrays.copyOf(millis, perCaller * callers);
    }

    private void call(Identity device) {
        try {
            int status = hub.service().invokeMethod(device, "echo", "{}", TIMEOUT, TIMEOUT)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).status();
            if (status != 200) {
                throw new IllegalStateException("method answered " + status);
            }
        } catch (Exception e) {
            throw new IllegalStateException("method call failed", e);
        }
    }
}
