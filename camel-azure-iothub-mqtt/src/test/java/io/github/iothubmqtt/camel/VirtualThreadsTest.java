package io.github.iothubmqtt.camel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On Java 21+ the connections' MQTT loops run on virtual threads: identities cost no platform thread while they
 * wait for the network. The build runs this class on the installed Java 21+ (profile {@code java21-tests}).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTest extends EmulatorTestSupport {

    private static final int IDENTITIES = 200;
    /** The goal for fleets is 0.1 platform thread per identity at most. */
    private static final double MAX_PLATFORM_THREADS_PER_IDENTITY = 0.1;

    @Test
    void twoHundredIdentitiesAddFewPlatformThreads() throws Exception {
        List<Identity> fleet = IntStream.range(0, IDENTITIES).mapToObj(i -> newDevice("virtual")).toList();
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount(); // platform threads only
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                for (int i = 0; i < fleet.size(); i++) {
                    from("direct:virtual-" + i).to(uri("telemetry", fleet.get(i), ""));
                }
            }
        });
        for (int i = 0; i < fleet.size(); i++) {
            template.sendBody("direct:virtual-" + i, "on a virtual thread");
        }
        IotHubMqttComponent component = context.getComponent("iothub-mqtt", IotHubMqttComponent.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> component.getSessionHealthChecks().keySet().stream()
                .map(DeviceSession::status).filter(status -> status.connected()).count() == IDENTITIES);
        int added = ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore;
        System.out.println("[virtual threads] " + IDENTITIES + " identities connected on Java " + Runtime.version().feature()
                + " added " + added + " platform threads");
        assertThat(added).isLessThanOrEqualTo((int) (IDENTITIES * MAX_PLATFORM_THREADS_PER_IDENTITY));
        assertThat(hub.service().telemetry()).extracting(TelemetryMessage::bodyAsString)
                .filteredOn("on a virtual thread"::equals).hasSize(IDENTITIES);
    }
}
