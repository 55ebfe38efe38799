package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.Identity;

/** The emulator-only controls of the service API: dropping connections and delaying responses. */
class ServiceControlsTest extends EmulatorTest {

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().start();
    }

    @AfterEach
    void clearFaults() {
        hub.service().faults().clear();
    }

    @Test
    void dropAllConnectionsClosesEveryDevice() throws Exception {
        Identity first = Emulators.newDevice(hub, "drop-1");
        Identity second = Emulators.newDevice(hub, "drop-2");
        try (PahoDevice one = PahoDevice.connect(hub, first); PahoDevice two = PahoDevice.connect(hub, second)) {
            assertThat(hub.service().dropAllConnections()).isEqualTo(2);
            assertThat(one.awaitClosed()).isTrue();
            assertThat(two.awaitClosed()).isTrue();
            // the device may see its socket close before the hub thread has run the close
            await().atMost(PahoDevice.WAIT).untilAsserted(() -> assertThat(
                    hub.service().connectionCount(first) + hub.service().connectionCount(second)).isZero());
        }
    }

    @Test
    void delayedResponsesHoldBackThePuback() throws Exception {
        Identity identity = Emulators.newDevice(hub, "slow-ack-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity)) {
            hub.service().faults().delayResponses(Duration.ofMillis(400));
            long start = System.nanoTime();
            device.client.publish("devices/slow-ack-device/messages/events/", new byte[] {1}, 1, false);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }
}
