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
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Telemetry msg/s at QoS 1 over TLS with the same in-flight window and the same number of sending threads: raw Paho
 * async against a Camel route {@code direct → iothub-mqtt:telemetry}. Neither side blocks a thread per message: each
 * sender submits until the window is full and goes on as acknowledgements free it.
 */
final class TelemetryThroughput {

    static final int BODY_BYTES = 256;
    private static final long DRAIN_SECONDS = 120;
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

    /** Messages per second of raw Paho publishing from {@code senders} threads. */
    double rawPaho(int count, int senders) throws Exception {
        try (RawPahoDevice paho = RawPahoDevice.connect(device, port, tls, window)) {
            String topic = Telemetry.topic(device.identity(), Map.of());
            Run run = new Run();
            IMqttActionListener release = new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    run.inFlight.release();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    run.fail(error);
                }
            };
            return run.measure(count, senders, () -> {
                try {
                    paho.client.publish(topic, body, 1, false, null, release);
                } catch (MqttException e) {
                    run.fail(e);
                }
            });
        }
    }

    /** Messages per second through the Camel route, from {@code senders} threads. */
    double camel(CamelContext camel, String directUri, int count, int senders) throws Exception {
        AsyncProducer producer = camel.getEndpoint(directUri).createAsyncProducer();
        producer.start();
        try {
            Run run = new Run();
            return run.measure(count, senders, () -> {
                Exchange exchange = new DefaultExchange(camel);
                exchange.getMessage().setBody(body);
                producer.process(exchange, doneSync -> {
                    if (exchange.getException() != null) {
                        run.fail(exchange.getException());
                    } else {
                        run.inFlight.release();
                    }
                });
            });
        } finally {
            producer.stop();
        }
    }

    /** One measured run: senders share the window; the clock stops when the last message is acknowledged. */
    private final class Run {
        final Semaphore inFlight = new Semaphore(window);
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        void fail(Throwable error) {
            failure.compareAndSet(null, error);
            inFlight.release();
        }

        double measure(int count, int senders, Runnable sendOne) throws Exception {
            long start = System.nanoTime();
            Thread[] threads = new Thread[senders];
            for (int s = 0; s < senders; s++) {
                int share = count / senders + (s < count % senders ? 1 : 0);
                threads[s] = new Thread(() -> {
                    for (int i = 0; i < share && failure.get() == null; i++) {
                        inFlight.acquireUninterruptibly();
                        sendOne.run();
                    }
                }, "bench-sender-" + s);
                threads[s].start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!inFlight.tryAcquire(window, DRAIN_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("messages still unacknowledged after " + DRAIN_SECONDS + " s");
            }
            if (failure.get() != null) {
                throw new IllegalStateException("a publish failed", failure.get());
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }
}
