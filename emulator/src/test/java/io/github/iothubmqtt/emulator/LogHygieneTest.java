package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Bad clients of the embedded emulator cost one short log line each: no stack traces, no client text in full, no
 * forged lines. Garbage before CONNECT is {@link EmulatorMainTest}'s, as the standalone jar logs it.
 */
class LogHygieneTest extends EmulatorTest {

    private static final int MAX_LINE = 400;

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().start();
    }

    @Test
    void hugeClientIdsAndUserNamesAreCutAndControlCharactersEscaped() throws Exception {
        try (CapturedLog log = CapturedLog.start()) {
            String clientId = "forged\nINFO io.github.iothubmqtt.emulator.Hub - all is well " + "x".repeat(60_000);
            try (RawMqttConnection connection = RawMqttConnection.connect(hub, clientId, "u".repeat(60_000), "p", 60)) {
                assertThat(connection.readConnackCode()).isEqualTo(2);
            }
            try (RawMqttConnection connection = RawMqttConnection.connect(hub, "d", "h".repeat(60_000) + "/d/?api", "p",
                    60)) {
                assertThat(connection.readConnackCode()).isEqualTo(5);
            }
            Thread.sleep(200);
            List<String> lines = log.lines();
            assertShortAndPlain(lines, 2);
            assertThat(lines).noneMatch(line -> line.startsWith("INFO io.github.iothubmqtt.emulator.Hub - all is well"));
            assertThat(String.join("\n", lines)).contains("forged\\nINFO");
        }
    }

    @Test
    void aPublishToTelemetryWithoutDeviceIdClosesWithOneShortLine() throws Exception {
        Identity identity = Emulators.newDevice(hub, "nameless-topic-device");
        try (PahoDevice device = PahoDevice.connect(hub, identity); CapturedLog log = CapturedLog.start()) {
            device.publishWithoutWaiting("devices/messages/events/", HubRulesTest.qos1("21"));
            assertThat(device.awaitClosed()).as("the hub closes the connection").isTrue();
            Thread.sleep(200);
            List<String> lines = log.lines();
            assertShortAndPlain(lines, 1);
            assertThat(lines).singleElement().asString().contains("names no identity");
        }
        assertThat(hub.service().telemetry(identity)).isEmpty();
    }

    private static void assertShortAndPlain(List<String> lines, int maxLines) {
        assertThat(lines).as("one line per bad connection at most").hasSizeLessThanOrEqualTo(maxLines);
        assertThat(lines).as("no stack traces").noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
        assertThat(lines).as("nothing at ERROR: a bad client is not the emulator's fault")
                .noneMatch(line -> line.contains("ERROR"));
        assertThat(lines).as("short lines").allMatch(line -> line.length() <= MAX_LINE);
    }
}
