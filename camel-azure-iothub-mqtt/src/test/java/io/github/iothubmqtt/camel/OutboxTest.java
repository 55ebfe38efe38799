package io.github.iothubmqtt.camel;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.OutboxFullException;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The store-and-forward outbox against a hub that refuses every connect for the whole run, then comes back. */
class OutboxTest extends EmulatorTestSupport {

    @TempDir
    static Path outboxDirectory;

    @AfterEach
    void hubBack() {
        hub.service().faults().clear();
    }

    private static String outboxUri(Identity device, String kind, String options) {
        return uri("telemetry", device, "outbox=" + kind + "&outboxDirectory=" + outboxDirectory
                + "&reconnectBackoffMin=50&reconnectBackoffMax=200" + (options.isEmpty() ? "" : "&" + options));
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void exchangesCompleteWhileTheHubIsDownAndAllArriveInOrderWhenItIsBack(String kind) {
        Identity device = newDevice("outbox-" + kind);
        hub.service().faults().refuseConnects(true);
        String endpoint = outboxUri(device, kind, "");
        int total = 1_000;
        for (int i = 0; i < total; i++) { // one sender: the order it hands them over is the order to keep
            template.sendBody(endpoint, Integer.toString(i));
        }
        assertThat(hub.service().telemetry(device)).as("nothing got through while the hub refused connects").isEmpty();

        hub.service().faults().refuseConnects(false);

        List<TelemetryMessage> received = hub.service().awaitTelemetry(device, total, WAIT);
        assertThat(received).extracting(TelemetryMessage::bodyAsString)
                .containsExactlyElementsOf(IntStream.range(0, total).mapToObj(Integer::toString).toList());
        assertThat(received).extracting(m -> m.systemProperties().get("$.mid")).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aFullOutboxFailsDropsOrWaitsAsItsPolicySays() {
        hub.service().faults().refuseConnects(true);
        String body = "x".repeat(100);
        Identity failing = newDevice("outbox-full-fail");
        String failEndpoint = outboxUri(failing, "memory", "outboxMaxBytes=2000&outboxFullPolicy=fail");
        int stored = 0;
        for (int i = 0; i < 100; i++) {
            try {
                template.sendBody(failEndpoint, body);
                stored++;
            } catch (CamelExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(OutboxFullException.class).hasMessageContaining("outboxMaxBytes=2000");
                break;
            }
        }
        assertThat(stored).as("messages of ~190 bytes within 2000 bytes").isBetween(5, 15);

        Identity waiting = newDevice("outbox-full-wait");
        String waitEndpoint = outboxUri(waiting, "memory", "outboxMaxBytes=2000&sendTimeout=300");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                template.sendBody(waitEndpoint, body);
            }
        }).hasCauseInstanceOf(OutboxFullException.class);

        Identity dropping = newDevice("outbox-full-drop");
        CapturedLogs.clear();
        String dropEndpoint = outboxUri(dropping, "memory", "outboxMaxBytes=2000&outboxFullPolicy=dropOldest");
        for (int i = 0; i < 100; i++) {
            template.sendBody(dropEndpoint, Integer.toString(1000 + i) + body);
        }
        assertThat(CapturedLogs.events()).anyMatch(e -> e.level() == Level.WARN && e.message().contains("oldest"));
        hub.service().faults().refuseConnects(false);
        await("the newest is kept").atMost(WAIT).until(() -> hub.service().telemetry(dropping).stream()
                .anyMatch(m -> m.bodyAsString().startsWith("1099")));
        assertThat(hub.service().telemetry(dropping)).extracting(TelemetryMessage::bodyAsString).as("the oldest were dropped")
                .noneMatch(b -> b.startsWith("1000"));
    }

    @Test
    void messagesOlderThanTheTtlAreDroppedAndLogged() throws Exception {
        Identity device = newDevice("outbox-ttl");
        hub.service().faults().refuseConnects(true);
        CapturedLogs.clear();
        String endpoint = outboxUri(device, "memory", "outboxTtl=1000");
        for (int i = 0; i < 10; i++) {
            template.sendBody(endpoint, "old " + i);
        }
        await().atMost(WAIT).until(() -> CapturedLogs.events().stream()
                .anyMatch(e -> e.level() == Level.WARN && e.message().contains("older than outboxTtl")));
        await("all ten dropped").atMost(WAIT).until(() -> session().status().inFlight() == 0);
        hub.service().faults().refuseConnects(false);
        await().atMost(WAIT).until(() -> session().status().connected());
        template.sendBody(endpoint, "fresh");

        assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                .containsExactly("fresh");
    }

    /** The one session of the test's context. */
    private DeviceSession session() {
        return context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getSessionHealthChecks().keySet().iterator()
                .next();
    }

    @Test
    void qosZeroWithAnOutboxIsRefusedWhenTheEndpointIsCreated() {
        Identity device = newDevice("outbox-qos0");
        assertThatThrownBy(() -> template.sendBody(outboxUri(device, "memory", "qos=0"), "x"))
                .hasStackTraceContaining("qos=0 cannot go with outbox=memory");
    }
}
