package io.github.iothubmqtt.examples.edge;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cloud's view of the demo: the alerts the filter module's output brought upstream. After {@value #EXPECTED} of
 * them it stops the application.
 */
public final class UpstreamAlerts {

    static final int EXPECTED = 3;
    private static final Logger LOG = LoggerFactory.getLogger("cloud");

    private final List<TelemetryMessage> alerts = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<TelemetryMessage>> done = new CompletableFuture<>();

    UpstreamAlerts(ServiceApi service, Identity filter, CamelContext context) {
        service.onTelemetry(message -> {
            if (!message.identity().equals(filter) || done.isDone()) {
                return;
            }
            LOG.info("Alert from {}: {}", message.identity(), message.bodyAsString());
            alerts.add(message);
            if (alerts.size() == EXPECTED) {
                done.complete(List.copyOf(alerts));
                // not on the hub's thread, which the modules' disconnects need while Camel stops
                CompletableFuture.runAsync(context::stop);
            }
        });
    }

    /** Completes with the first {@value #EXPECTED} alerts that reached the cloud. */
    public CompletableFuture<List<TelemetryMessage>> alerts() {
        return done;
    }
}
