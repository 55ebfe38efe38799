package io.github.iothubmqtt.camel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Username;
import org.apache.camel.impl.DefaultCamelContext;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Paho 1.2.5 checks that each loop runs right after submitting it and sleeps 100 ms when it does not. A real Paho
 * client connects to the emulator with the loops' executor, and each of its loops is running when the submission
 * returns, so Paho's check passes: on virtual threads (Java 21+) and on platform threads alike.
 */
class ClientLoopsTest {

    private static final int CONNECTS = 5;
    private static final long CONNECT_TIMEOUT_MILLIS = 30_000;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @ParameterizedTest
    @EnumSource(ClientLoops.Kind.class)
    void everyLoopRunsWhenPahoChecks(ClientLoops.Kind kind) throws Exception {
        try (IotHubEmulator hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(-1).httpPort(-1).device("loops")
                .start();
                ClientLoops loops = ClientLoops.create(kind, timers);
                DefaultCamelContext camel = new DefaultCamelContext()) {
            ConnectionString device = ConnectionString.parse(hub.connectionString(Identity.device("loops")));
            MqttConnectOptions options = new MqttConnectOptions();
            options.setSocketFactory(Trust.trusting(hub.trustStore()).createSSLContext(camel).getSocketFactory());
            options.setUserName(Username.build(device.hostName(), device.identity(), HubLimits.DEFAULT_API_VERSION, null,
                    null));
            options.setPassword(SasToken.create(SasToken.resourceUri(device.hostName(), device.identity()),
                    device.sharedAccessKey(), Instant.now().plusSeconds(3600).getEpochSecond(), null).toCharArray());
            List<Boolean> runningWhenSubmitted = new CopyOnWriteArrayList<>();

            for (int i = 0; i < CONNECTS; i++) {
                ScheduledExecutorService executor = recordingSubmissions(loops.forClient(), runningWhenSubmitted);
                MqttAsyncClient client = new MqttAsyncClient("ssl://localhost:" + hub.mqttPort(), "loops",
                        new MemoryPersistence(), new ScheduledExecutorPingSender(executor), executor);
                client.connect(options).waitForCompletion(CONNECT_TIMEOUT_MILLIS);
                client.disconnectForcibly(0, 1000);
                client.close();
            }

            // the receive and callback loops start with each connect, the send loop with its CONNACK
            assertThat(runningWhenSubmitted).hasSize(3 * CONNECTS).containsOnly(true);
        }
    }

    /** The callback loop frees in-flight room: a send from any loop's thread fails at once rather than waiting. */
    @ParameterizedTest
    @EnumSource(ClientLoops.Kind.class)
    void aLoopRunsOnAThreadMarkedAsTheConnectionsIoThread(ClientLoops.Kind kind) throws Exception {
        try (ClientLoops loops = ClientLoops.create(kind, timers)) {
            CompletableFuture<Boolean> marked = new CompletableFuture<>();
            Runnable loop = () -> marked.complete(IoThread.isCurrent()); // Paho's loops are Runnables
            loops.forClient().submit(loop);

            assertThat(marked.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(IoThread.isCurrent()).as("the submitting thread").isFalse();
        }
    }

    /** The executor, with each loop's {@code isRunning()} recorded as its submission returns (Paho's check). */
    private static ScheduledExecutorService recordingSubmissions(ScheduledExecutorService executor, List<Boolean> running) {
        return (ScheduledExecutorService) Proxy.newProxyInstance(ClientLoopsTest.class.getClassLoader(),
                new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                    Object result = method.invoke(executor, args);
                    if (method.getName().equals("submit") && args.length == 1 && args[0] instanceof Runnable loop) {
                        running.add((Boolean) loop.getClass().getMethod("isRunning").invoke(loop));
                    }
                    return result;
                });
    }
}
