package io.github.iothubmqtt.camel;

import java.util.List;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IoT Hub closes a connection when a second client connects with the same identity, and says nothing about why. The
 * session must report such a take-over, and only such: fresh connections cut by the network are no take-over, however
 * often it happens. (A crashed hub is {@link HubCrashTest}'s; a second client in this JVM or another process is
 * {@link SessionBehaviourTest}'s: only the first is known for sure, the second is a hint in the detail.)
 */
class TakeOverDetectionTest extends EmulatorTestSupport {

    private static final String OPTIONS = "reconnectBackoffMin=50&reconnectBackoffMax=200";
    private static final int ROUNDS = 3;

    @Test
    void connectionsCutByTheNetworkAreNoTakeOver() throws Exception {
        Identity device = newDevice("cut");
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort())) {
            template.sendBody(uri("telemetry", device, proxy.port(), OPTIONS), "first");
            String statusUri = uri("status", device, proxy.port(), OPTIONS);

            List<SessionStatus> afterKills = verdictsAfter(statusUri, ROUNDS, proxy::kill, () -> {
            });
            List<SessionStatus> afterResets = verdictsAfter(statusUri, ROUNDS, proxy::reset, () -> {
            });

            afterKills.forEach(verdict -> System.out.println("[proxy kill] " + verdict));
            afterResets.forEach(verdict -> System.out.println("[proxy reset] " + verdict));
            assertThat(afterKills).extracting(SessionStatus::lastDisconnectReason)
                    .doesNotContain(DisconnectReason.KICKED_BY_SECOND_CLIENT);
            assertThat(afterResets).extracting(SessionStatus::lastDisconnectReason)
                    .doesNotContain(DisconnectReason.KICKED_BY_SECOND_CLIENT);
        }
    }
}
