package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Telemetry;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;

/**
 * Telemetry msg/s at QoS 1 over TLS with the same in-flight window: raw Paho async against a Camel route
 * {@code direct → iothub-mqtt:telemetry} fed by concurrent producers without blocking threads.
 */
final class TelemetryThroughput {

    static final int BODY_BYTES = 256;
    private static final int DRIVERS = 4;
    private final ConnectionString device;
    private final int port;
    private final SSLContext tls;
    private final int window;
    private final byte[] body = new byte[BODY_BYTES];

    /** @param device the raw Paho baseline's device */
    TelemetryThroughput(ConnectionString device, int port, SSLContext tls, int window) {
        this.device = device;
        this.port = port;
        this.tls = tls;
        this.window = window;
    }

    /** Messages per second of raw Paho publishing {@code count} messages with at most {@code window} unacknowledged. */
    double rawPaho(int count) throws Exception {
        try (RawPahoDevice paho = RawPahoDevice.connect(device, port, tls, window)) {
            String topic = Telemetry.topic(device.identity(), Map.of());
            Semaphore inFlight = new Semaphore(window);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            IMqttActionListener release = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    inFlight.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    failure.set(error);
                    inFlight.release();
                }
            };
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                inFlight.acquire();
                paho.client.publish(topic, body, 1, false, null, release);
            }
            awaitDrained(inFlight, failure);
            return count / seconds(start);
        }
    }

    /** Messages per second through the Camel route, {@code DRIVERS} threads submitting without blocking on replies. */
    double camel(CamelContext camel, String directUri, int count) throws Exception {
        AsyncProducer producer = camel.getEndpoint(directUri).createAsyncProducer();
        producer.start();
        try {
            Semaphore inFlight = new Semaphore(window);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long start = System.nanoTime();
            Thread[] drivers = new Thread[DRIVERS];
            for (int d = 0; d < DRIVERS; d++) {
                int share = count / DRIVERS + (d < count % DRIVERS ? 1 : 0);
                drivers[d] = new Thread(() -> submit(camel, producer, share, inFlight, failure), "bench-driver-" + d);
                drivers[d].start();
            }
            for (Thread driver : drivers) {
                driver.join();
            }
            awaitDrained(inFlight, failure);
            return count / seconds(start);
        } finally {
            producer.stop();
        }
    }

    private void submit(CamelContext camel, AsyncProducer producer, int count, Semaphore inFlight, AtomicReference<Throwable> failure) {
        for (int i = 0; i < count && failure.get() == null; i++) {
            inFlight.acquireUninterruptibly();
            Exchange exchange = new DefaultExchange(camel);
            exchange.getMessage().setBody(body);
            producer.process(exchange, doneSync -> {
                if (exchange.getException() != null) {
                    failure.compareAndSet(null, exchange.getException());
                }
                inFlight.release();
            });
        }
    }

    private void awaitDrained(Semaphore inFlight, AtomicReference<Throwable> failure) throws Exception {
        if (!inFlight.tryAcquire(window, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("messages still unacknowledged after 120 s");
        }
        inFlight.release(window);
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
