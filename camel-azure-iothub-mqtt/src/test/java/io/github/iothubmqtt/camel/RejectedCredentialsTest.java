package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A hub that refuses an identity's key connect after connect: said once at WARN, then retried more slowly. */
class RejectedCredentialsTest extends EmulatorTestSupport {

    private static final String LIFECYCLE = "io.github.iothubmqtt.camel.session.ConnectionLifecycle";
    /** Valid base64, but not the device's key. */
    private static final String WRONG_KEY = "d3Jvbmcta2V5LXdyb25nLWtleQ==";
    private static final Pattern NEXT_ATTEMPT = Pattern.compile("attempt \\d+ in (\\d+) ms");
    private static final long BACKOFF_MAX_MILLIS = 40;

    @AfterEach
    void quiet() {
        CapturedLogs.keepInfoAndAbove();
    }

    @Test
    void repeatedRefusalsAreSaidOnceAndSlowTheRetries() {
        Identity device = newDevice("refused");
        CapturedLogs.keepAllLevels(LIFECYCLE);
        CapturedLogs.clear();
        String status = "iothub-mqtt:status?hostName=" + hub.hubHostName() + "&deviceId=" + device.deviceId()
                + "&sharedAccessKey=RAW(" + WRONG_KEY + ")&gatewayHostName=localhost&port=" + hub.mqttPort()
                + "&sslContextParameters=#hubTls"
                + "&reconnectBackoffMin=10&reconnectBackoffMax=" + BACKOFF_MAX_MILLIS;

        SessionStatus refused = template.requestBody(status, null, SessionStatus.class);
        // two slowed-down attempts after the warning: the session keeps trying
        await().atMost(WAIT).until(() -> attemptsAfterTheWarning(device).size() >= 2);

        assertThat(refused.connected()).isFalse();
        assertThat(template.requestBody(status, null, SessionStatus.class).lastDisconnectReason())
                .isEqualTo(DisconnectReason.NOT_AUTHORIZED);
        assertThat(warnings(device)).singleElement().satisfies(message -> assertThat(message)
                .contains("refused its credentials 5 times in a row", "the key, token or certificate is wrong",
                        "disabled or not registered", "Retrying 10 times more slowly")
                .doesNotContain(WRONG_KEY));
        // equal jitter: each delay is at least half the capped backoff, here ten times over
        assertThat(attemptsAfterTheWarning(device))
                .allSatisfy(delay -> assertThat(delay).isGreaterThanOrEqualTo(BACKOFF_MAX_MILLIS / 2 * 10));
    }

    private static List<String> warnings(Identity device) {
        return CapturedLogs.events().stream()
                .filter(e -> e.level() == Level.WARN && e.message().contains(device.deviceId())
                        && e.message().contains("refused its credentials"))
                .map(CapturedLogs.Event::message).toList();
    }

    /** The delays (ms) of the DEBUG "still disconnected ... attempt N in X ms" lines after the warning. */
    private static List<Long> attemptsAfterTheWarning(Identity device) {
        List<CapturedLogs.Event> events = CapturedLogs.events();
        int warning = events.stream().filter(e -> e.message().contains("refused its credentials")).findFirst()
                .map(events::indexOf).orElse(events.size());
        return events.subList(warning, events.size()).stream()
                .filter(e -> e.level() == Level.DEBUG && e.message().contains(device.deviceId()))
                .map(e -> NEXT_ATTEMPT.matcher(e.message()))
                .filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1))).toList();
    }
}
