package io.github.iothubmqtt.examples.hub;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays what a back-end application does with the hub, through the emulator's service API: it watches telemetry,
 * sends a cloud-to-device message, changes a desired property and invokes the device's direct methods.
 */
public final class CloudSide {

    public static final double TARGET_TEMPERATURE = 25.0;

    private static final Logger LOG = LoggerFactory.getLogger("cloud");
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How many readings the demo lets the thermostat heat up for, before it asks for the statistics. */
    private static final int WARMING_UP_READINGS = 3;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final ServiceApi service;
    private final Identity device;
    private final CompletableFuture<DemoOutcome> outcome = new CompletableFuture<>();

    public CloudSide(ServiceApi service, Identity device) {
        this.service = service;
        this.device = device;
    }

    /** Plays the demo on a thread of its own; the returned outcome completes when it is over. */
    public CompletableFuture<DemoOutcome> play() {
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(playDemo());
            } catch (Exception e) {
                LOG.warn("The demo stopped: {}", e.getMessage());
                outcome.completeExceptionally(e);
            }
        }, "cloud");
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    public CompletableFuture<DemoOutcome> outcome() {
        return outcome;
    }

    private DemoOutcome playDemo() throws Exception {
        TelemetryMessage telemetry = service.awaitTelemetry(device, 1, WAIT).get(0);
        LOG.info("Received telemetry {} with properties {}", telemetry.bodyAsString(), telemetry.applicationProperties());

        LOG.info("Sending a cloud-to-device message");
        service.sendC2d(device, "Hello from the cloud", Map.of());

        LOG.info("Setting the desired targetTemperature to {}", TARGET_TEMPERATURE);
        long desiredVersion = service.updateDesired(device, "{\"targetTemperature\":" + TARGET_TEMPERATURE + "}");
        JsonNode reported = reportedTarget(service.awaitTwin(device,
                twin -> reportedTarget(twin).path("av").asLong() == desiredVersion, WAIT));
        LOG.info("The thermostat reported targetTemperature {}", reported);
        TelemetryMessage later = awaitMoreTelemetry(WARMING_UP_READINGS);
        LOG.info("After {} more readings the temperature is {}", WARMING_UP_READINGS, later.bodyAsString());

        MethodResult maxMinReport = invoke("getMaxMinReport");
        MethodResult reboot = invoke("reboot");

        awaitC2dCompleted();
        LOG.info("The thermostat completed the cloud-to-device message. The demo is over.");
        return new DemoOutcome(telemetry, desiredVersion, reported, maxMinReport, reboot);
    }

    private TelemetryMessage awaitMoreTelemetry(int count) {
        int received = service.telemetry(device).size();
        List<TelemetryMessage> telemetry = service.awaitTelemetry(device, received + count, WAIT);
        return telemetry.get(telemetry.size() - 1);
    }

    private static JsonNode reportedTarget(JsonNode twin) {
        return twin.path("reported").path("targetTemperature");
    }

    private MethodResult invoke(String methodName) throws Exception {
        LOG.info("Invoking method {}", methodName);
        try {
            MethodResult result = service.invokeMethod(device, methodName, "{}", WAIT, WAIT)
                    .get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            LOG.info("Method {} answered {}: {}", methodName, result.status(), result.payloadJson());
            return result;
        } catch (ExecutionException e) {
            throw new IllegalStateException("method " + methodName + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** IoT Hub counts a message as delivered once the device completed (acknowledged) it. */
    private void awaitC2dCompleted() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (service.pendingC2d(device) > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the cloud-to-device message was not completed within " + WAIT);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }
}
