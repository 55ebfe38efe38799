package io.github.iothubmqtt.camel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.ChildEmulator;
import io.github.iothubmqtt.camel.test.DeliveryLedger;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub process dies (SIGKILL) and a new one starts on the same port, with the same certificate and keys but no
 * session and no stored message: what the component had in flight must reach the new hub, and the session must not
 * take the crash for a take-over by a second client.
 */
class HubCrashTest extends EmulatorTestSupport {

    private static final int MESSAGES = 10_000;
    private static final int CRASHES = 5;
    /** Far above an outage (a child JVM restarts within a few seconds), so no message has reason to time out. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    private static final String OPTIONS = "reconnectBackoffMin=100&reconnectBackoffMax=1000&sendTimeout="
            + SEND_TIMEOUT.toMillis();
    private static final String TLS_BEAN = "childTls";

    @TempDir
    Path directory;

    @Test
    void hubCrashesLoseNothing() throws Exception {
        String deviceId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        DeliveryLedger ledger = new DeliveryLedger("hub crashes", SEND_TIMEOUT);
        try (ChildEmulator child = ChildEmulator.start(directory, deviceId, ledger::received)) {
            context.getRegistry().bind(TLS_BEAN, child.sslContextParameters());
            String telemetry = child.uri("telemetry", TLS_BEAN, OPTIONS);
            String entry = stampingRoute(ledger, telemetry, null);
            boolean allSent = streamThroughFaults(entry, ledger, MESSAGES, CRASHES, () -> {
                child.crash();
                child.restart();
            }, RUN_TIMEOUT);
            DeliveryLedger.Report report = ledger.settle(SEND_TIMEOUT.plusSeconds(15));
            System.out.println("[hub crashes] " + status(child.uri("status", TLS_BEAN, OPTIONS)));
            SoftAssertions.assertSoftly(softly -> {
                softly.assertThat(allSent).as("all %d messages sent within %s", MESSAGES, RUN_TIMEOUT).isTrue();
                report.checkAtLeastOnce(softly);
                softly.assertThat(report.failed()).as("failed although each outage lasted far less than the send"
                        + " timeout: %s", report.failuresByType()).isZero();
            });
        }
    }

    @Test
    void aCrashedHubIsNotATakeOver() throws Exception {
        String deviceId = "crash-kick-" + UUID.randomUUID().toString().substring(0, 8);
        try (ChildEmulator child = ChildEmulator.start(directory, deviceId, seq -> {
        })) {
            context.getRegistry().bind(TLS_BEAN, child.sslContextParameters());
            template.sendBody(child.uri("telemetry", TLS_BEAN, OPTIONS), "first");
            String statusUri = child.uri("status", TLS_BEAN, OPTIONS);
            List<SessionStatus> verdicts = verdictsAfter(statusUri, 3, child::crash, child::restart);
            verdicts.forEach(verdict -> System.out.println("[crash, not a take-over] " + verdict));
            assertThat(verdicts).extracting(SessionStatus::lastDisconnectReason)
                    .doesNotContain(DisconnectReason.KICKED_BY_SECOND_CLIENT);
        }
    }
}
