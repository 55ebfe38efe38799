package io.github.iothubmqtt.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Telemetry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Telemetry at QoS 1 over TLS with the same in-flight window and the same number of sending threads: raw Paho async
 * against a Camel route {@code direct → iothub-mqtt:telemetry}. Neither side blocks a thread per message: each sender
 * submits until the window is full and goes on as acknowledgements free it. A round gives messages per second and
 * this JVM's CPU time per message, which is the client's own cost when the emulator runs in another process.
 */
final class TelemetryThroughput {

    /**
     * One measured round: its rate, this JVM's CPU time over it (all threads, GC and JIT included) per message, and
     * that time by thread ({@link ThreadCpu}'s groups, after {@link #SENDERS}).
     */
    record Round(double perSecond, double cpuMicrosPerMessage, Map<String, Double> cpuMicrosByThread) {
    }

    private static final String SENDERS = "senders";

    static final int BODY_BYTES = 256;
    private static final long DRAIN_SECONDS = 120;
    private static final OperatingSystemMXBean CPU = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
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

    /** Raw Paho publishing from {@code senders} threads. */
    Round rawPaho(int count, int senders) throws Exception {
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

    /** The Camel route, fed from {@code senders} threads. */
    Round camel(CamelContext camel, String directUri, int count, int senders) throws Exception {
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

        Round measure(int count, int senders, Runnable sendOne) throws Exception {
            ThreadCpu threadCpu = new ThreadCpu();
            LongAdder senderNanos = new LongAdder();
            long startCpu = CPU.getProcessCpuTime();
            long start = System.nanoTime();
            Thread[] threads = new Thread[senders];
            for (int s = 0; s < senders; s++) {
                int share = count / senders + (s < count % senders ? 1 : 0);
                threads[s] = new Thread(() -> {
                    for (int i = 0; i < share && failure.get() == null; i++) {
                        inFlight.acquireUninterruptibly();
                        sendOne.run();
                    }
                    senderNanos.add(THREADS.getCurrentThreadCpuTime());
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
            long nanos = System.nanoTime() - start;
            long cpuNanos = CPU.getProcessCpuTime() - startCpu;
            Map<String, Double> byThread = new LinkedHashMap<>();
            byThread.put(SENDERS, senderNanos.sum() / 1e3 / count);
            threadCpu.since(cpuNanos, senderNanos.sum()).forEach((group, used) -> byThread.put(group, used / 1e3 / count));
            return new Round(count / (nanos / 1e9), cpuNanos / 1e3 / count, byThread);
        }
    }
}
