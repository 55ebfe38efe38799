package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.camel.builder.RouteBuilder;

/** Connect time, threads and heap per device with many devices in one JVM: the component against raw Paho clients. */
final class Footprint {

    /** Threads, bytes of heap and connect time per device. */
    record PerDevice(double threads, double heapBytes, double connectMillis) {
    }

    private final IotHubEmulator hub;

    Footprint(IotHubEmulator hub) {
        this.hub = hub;
    }

    PerDevice camel(List<Identity> devices) throws Exception {
        long threadsBefore = threads();
        long heapBefore = usedHeap();
        CamelDevices camel = new CamelDevices(hub);
        try {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    for (int i = 0; i < devices.size(); i++) {
                        from("direct:device-" + i).to(camel.uri("telemetry", devices.get(i), ""));
                    }
                }
            });
            long start = System.nanoTime();
            camel.start();
            camel.awaitConnected(devices.size(), Duration.ofMinutes(5));
            double connectMillis = (System.nanoTime() - start) / 1e6 / devices.size();
            return new PerDevice((threads() - threadsBefore) / (double) devices.size(),
                    (usedHeap() - heapBefore) / (double) devices.size(), connectMillis);
        } finally {
            camel.close();
        }
    }

    /** Raw Paho, connected in parallel as well as one can by hand: all connects issued, then awaited. */
    PerDevice rawPaho(List<Identity> devices, SSLContext tls) throws Exception {
        long threadsBefore = threads();
        long heapBefore = usedHeap();
        List<RawPahoDevice> clients = new ArrayList<>();
        try {
            long start = System.nanoTime();
            List<Thread> connectors = new ArrayList<>();
            for (Identity device : devices) {
                ConnectionString connectionString = ConnectionString.parse(hub.connectionString(device));
                Thread connector = new Thread(() -> {
                    try {
                        RawPahoDevice client = RawPahoDevice.connect(connectionString, hub.mqttPort(), tls, 10);
                        synchronized (clients) {
                            clients.add(client);
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                connector.start();
                connectors.add(connector);
            }
            for (Thread connector : connectors) {
                connector.join();
            }
            if (clients.size() != devices.size()) {
                throw new IllegalStateException("only " + clients.size() + " of " + devices.size() + " raw clients connected");
            }
            double connectMillis = (System.nanoTime() - start) / 1e6 / devices.size();
            return new PerDevice((threads() - threadsBefore) / (double) devices.size(),
                    (usedHeap() - heapBefore) / (double) devices.size(), connectMillis);
        } finally {
            for (RawPahoDevice client : clients) {
                client.close();
            }
        }
    }

    private static long threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
