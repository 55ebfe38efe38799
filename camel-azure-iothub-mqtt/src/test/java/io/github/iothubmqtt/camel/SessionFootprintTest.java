package io.github.iothubmqtt.camel;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionSettings;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.awaitility.Awaitility.await;

/**
 * Measures what a session costs: threads and heap per connected session, and connect latency one at a time and in
 * parallel. Not a check (speed belongs to benchmarks): run it on demand with
 * {@code mvn -o -pl camel-azure-iothub-mqtt verify -Dtest=SessionFootprintTest -Dfootprint=true [-Dfootprint.sessions=200]}.
 * The emulator runs in the same JVM: its threads are fixed event loops, but its per-connection state is in the heap
 * figure.
 */
@EnabledIfSystemProperty(named = "footprint", matches = "true")
class SessionFootprintTest extends EmulatorTestSupport {

    @Test
    void measure() throws Exception {
        int count = Integer.getInteger("footprint.sessions", 100);
        IotHubMqttComponent component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class);

        // warm-up: TLS, class loading, the emulator's event loops
        for (int i = 0; i < 3; i++) {
            connectAndRelease(component, newDevice("warmup"));
        }
        long[] sequential = new long[5];
        long[] rawPaho = new long[5];
        for (int i = 0; i < sequential.length; i++) {
            sequential[i] = connectAndRelease(component, newDevice("sequential"));
            rawPaho[i] = connectRawPaho(newDevice("raw-paho"));
        }

        List<IotHubMqttEndpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            endpoints.add(context.getEndpoint(uri("telemetry", newDevice("footprint"), ""), IotHubMqttEndpoint.class));
        }
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapBefore = usedHeapAfterGc();
        long start = System.nanoTime();
        List<DeviceSession> sessions = endpoints.stream().map(IotHubMqttEndpoint::acquireSession).toList();
        await().pollInterval(java.time.Duration.ofMillis(5)).atMost(WAIT.multipliedBy(4)).until(() -> sessions.stream().allMatch(s -> s.status().connected()));
        long parallelMillis = (System.nanoTime() - start) / 1_000_000;
        int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
        long heapAfter = usedHeapAfterGc();

        System.out.printf("FOOTPRINT sequential connect (ms): session %s, raw Paho %s%n",
                java.util.Arrays.toString(sequential), java.util.Arrays.toString(rawPaho));
        System.out.printf("FOOTPRINT %d sessions connected in parallel in %d ms (%.1f ms per session)%n", count,
                parallelMillis, (double) parallelMillis / count);
        System.out.printf("FOOTPRINT threads: %d -> %d = %.2f per session%n", threadsBefore, threadsAfter,
                (double) (threadsAfter - threadsBefore) / count);
        System.out.printf("FOOTPRINT heap after GC: %d KiB -> %d KiB = %.1f KiB per session (client and emulator side)%n",
                heapBefore / 1024, heapAfter / 1024, (heapAfter - heapBefore) / 1024.0 / count);
        sessions.forEach(component::releaseSession);
    }

    private long connectAndRelease(IotHubMqttComponent component, Identity device) {
        IotHubMqttEndpoint endpoint = context.getEndpoint(uri("telemetry", device, ""), IotHubMqttEndpoint.class);
        long start = System.nanoTime();
        DeviceSession session = endpoint.acquireSession();
        await().pollInterval(java.time.Duration.ofMillis(1)).atMost(WAIT).until(() -> session.status().connected());
        long millis = (System.nanoTime() - start) / 1_000_000;
        component.releaseSession(session);
        return millis;
    }

    /** The baseline: a bare Paho client with the same CONNECT, blocking until CONNACK. */
    private long connectRawPaho(Identity device) throws Exception {
        SessionSettings settings = context.getEndpoint(uri("telemetry", device, ""), IotHubMqttEndpoint.class).sessionSettings();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setUserName(settings.username());
        options.setPassword(settings.passwordSource().next().value());
        options.setSocketFactory(settings.socketFactory());
        long start = System.nanoTime();
        MqttAsyncClient client = new MqttAsyncClient(settings.serverUri(), device.clientId(), new MemoryPersistence());
        client.connect(options).waitForCompletion(WAIT.toMillis());
        long millis = (System.nanoTime() - start) / 1_000_000;
        client.disconnect().waitForCompletion(WAIT.toMillis());
        client.close();
        return millis;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
