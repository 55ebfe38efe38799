package io.github.iothubmqtt.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.CamelContext;

/**
 * Each session's meters in the application's Micrometer registry, tagged with the hub and the identity: whether it is
 * connected, its connects, disconnects by reason and SAS renewals, the in-flight window in use, the time to each
 * PUBACK, the throttled twin answers, and the C2D messages and method calls that reached a route. Gauges and counters
 * read the session when the registry is scraped; only the PUBACK timer costs the session anything per message.
 * The only class of the component that touches Micrometer, loaded only when Micrometer is on the class path.
 */
final class SessionMeters {

    static final String MICROMETER_REGISTRY = "io.micrometer.core.instrument.MeterRegistry";
    private static final String PREFIX = "iothub.mqtt.";

    private final MeterRegistry registry;
    private final Map<DeviceSession, List<Meter>> meters = new ConcurrentHashMap<>();

    private SessionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters in the one {@code MeterRegistry} of the Camel registry; {@code null} when there is none, or several. */
    static SessionMeters find(CamelContext context) {
        Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
        return registries.size() == 1 ? new SessionMeters(registries.iterator().next()) : null;
    }

    void bind(DeviceSession session) {
        Tags tags = Tags.of("hub", session.settings().hostName(), "identity", session.identity().clientId());
        SessionCounters counters = session.counters();
        List<Meter> bound = new ArrayList<>();
        bound.add(Gauge.builder(PREFIX + "connected", session, s -> s.status().connected() ? 1 : 0).tags(tags)
                .description("1 while the identity's connection is up").register(registry));
        bound.add(Gauge.builder(PREFIX + "inflight", session, s -> s.status().inFlight()).tags(tags)
                .description("messages sent or waiting to be sent and not yet acknowledged").register(registry));
        bound.add(counter("connects", counters, SessionCounters::connects, tags, "connections established"));
        for (DisconnectReason reason : DisconnectReason.values()) {
            if (reason != DisconnectReason.NONE && reason != DisconnectReason.SAS_RENEWAL) {
                bound.add(counter("disconnects", counters, c -> c.disconnects(reason), tags.and("reason", reason.name()),
                        "connections that ended, or connects that failed, by reason"));
            }
        }
        bound.add(FunctionCounter.builder(PREFIX + "renewals", session, s -> s.status().renewalCount()).tags(tags)
                .description("routine reconnects with a fresh SAS token").register(registry));
        bound.add(counter("throttled", counters, SessionCounters::throttledAnswers, tags, "twin requests answered 429"));
        bound.add(counter("c2d.received", counters, SessionCounters::cloudToDeviceMessages, tags,
                "cloud-to-device messages that reached a route"));
        bound.add(counter("method.calls", counters, SessionCounters::methodCalls, tags,
                "direct method calls that reached a route"));
        Timer puback = Timer.builder(PREFIX + "puback").tags(tags).publishPercentileHistogram()
                .description("from sending a QoS 1 message to the hub's PUBACK").register(registry);
        bound.add(puback);
        counters.onAcknowledged(nanos -> puback.record(nanos, TimeUnit.NANOSECONDS));
        meters.put(session, bound);
    }

    void unbind(DeviceSession session) {
        session.counters().onAcknowledged(null);
        List<Meter> bound = meters.remove(session);
        if (bound != null) {
            bound.forEach(registry::remove);
        }
    }

    private FunctionCounter counter(String name, SessionCounters counters,
            ToDoubleFunction<SessionCounters> count, Tags tags, String description) {
        return FunctionCounter.builder(PREFIX + name, counters, count).tags(tags).description(description).register(registry);
    }
}
