package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.HostileHub;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustAllTrustManager;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS that checks nothing is said out loud, and host names are always checked. The hub's certificate names
 * {@code localhost} only, not 127.0.0.1.
 */
class TlsCheckTest extends CamelTestSupport {

    private static final String TRUST_ALL_WARNING = "trusts any server certificate";
    private static HostileHub hub;

    @BeforeAll
    static void startHub() throws Exception {
        hub = HostileHub.start(List.of());
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (hub != null) {
            hub.close();
        }
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("hubTls", hub.clientTls());
        TrustManagersParameters trustAll = new TrustManagersParameters();
        trustAll.setTrustManager(TrustAllTrustManager.INSTANCE);
        SSLContextParameters insecure = new SSLContextParameters();
        insecure.setTrustManagers(trustAll);
        registry.bind("trustAll", insecure);
    }

    @Test
    void trustingAnyCertificateIsWarnedOncePerBean() {
        CapturedLogs.clear();
        String first = uri("telemetry", deviceId(), "localhost", "trustAll");
        String second = uri("telemetry", deviceId(), "localhost", "trustAll");

        template.sendBody(first, "sent, though nobody checked the hub");
        template.sendBody(second, "the same bean: no second warning");

        assertThat(CapturedLogs.events()).filteredOn(e -> e.level() == Level.WARN && e.message().contains(TRUST_ALL_WARNING))
                .singleElement().satisfies(e -> assertThat(e.message()).contains("pose as IoT Hub"));
    }

    @Test
    void trustingTheHubsCaIsNotWarned() {
        CapturedLogs.clear();

        template.sendBody(uri("telemetry", deviceId(), "localhost", "hubTls"), "checked");

        assertThat(CapturedLogs.events()).noneMatch(e -> e.message().contains(TRUST_ALL_WARNING));
    }

    @Test
    void aCertificateForAnotherHostIsRefused() {
        String deviceId = deviceId();
        String byAddress = uri("status", deviceId, "127.0.0.1", "hubTls");

        SessionStatus status = await().atMost(Duration.ofSeconds(30))
                .until(() -> template.requestBody(byAddress, null, SessionStatus.class), s -> s.lastDisconnectDetail() != null);

        assertThat(status.connected()).isFalse();
        assertThat(hub.device(deviceId).connections()).isZero();
    }

    private static String deviceId() {
        return "tls-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String uri(String kind, String deviceId, String host, String tls) {
        return "iothub-mqtt:" + kind + "?hostName=hostile.azure-devices.net&deviceId=" + deviceId
                + "&sharedAccessKey=RAW(aG9zdGlsZQ==)&gatewayHostName=" + host + "&port=" + hub.port()
                + "&sslContextParameters=#" + tls + "&sendTimeout=20000";
    }
}
