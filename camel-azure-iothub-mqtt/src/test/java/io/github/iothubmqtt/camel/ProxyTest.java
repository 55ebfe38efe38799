package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.session.DisconnectReason;
import io.github.iothubmqtt.camel.session.SessionStatus;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.camel.test.HttpConnectProxy;
import io.github.iothubmqtt.emulator.TelemetryMessage;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * Connections through a real HTTP CONNECT proxy (Jetty's) between the component and the emulator, with both
 * transports: messages both ways, Basic credentials, and what a refused or unreachable proxy tells the user.
 */
class ProxyTest extends EmulatorTestSupport {

    private static final String USER = "camel";
    private static final String PASSWORD = "pr0xy-s3cret";
    private static final long BLACK_HOLE_ACK_TIMEOUT = 500;

    @ParameterizedTest
    @ValueSource(strings = {"mqtt", "mqtt-ws"})
    void telemetryAndCloudToDeviceMessagesGoThroughTheTunnel(String transport) throws Exception {
        try (HttpConnectProxy proxy = HttpConnectProxy.open()) {
            Identity device = newDevice("proxied-" + transport);
            int hubPort = transport.equals("mqtt") ? hub.mqttPort() : hub.webSocketPort();
            String options = "transport=" + transport + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port();
            MockEndpoint received = c2dRoute(device, hubPort, options);

            template.sendBody(uri("telemetry", device, hubPort, options), "up through the proxy");
            hub.service().sendC2d(device, "down through the proxy", Map.of());

            assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                    .containsExactly("up through the proxy");
            received.assertIsSatisfied(WAIT.toMillis());
            // one shared connection for both endpoints, tunnelled to the host and port the connection string names
            assertThat(proxy.tunnels()).containsExactly("localhost:" + hubPort);
        }
    }

    @Test
    void basicCredentialsAreAcceptedAndNeverShown() throws Exception {
        try (HttpConnectProxy proxy = HttpConnectProxy.requiringBasic(USER, PASSWORD)) {
            Identity device = newDevice("proxy-auth");
            CapturedLogs.clear();
            String connectionString = hub.connectionString(device);
            String proxyHost = "127.0.0.1";
            int proxyPort = proxy.port();
            String proxyPassword = PASSWORD;
            // tag::proxy-endpoint[]
            String telemetry = "iothub-mqtt:telemetry?connectionString=RAW(" + connectionString + ")"
                    + "&proxyHost=" + proxyHost + "&proxyPort=" + proxyPort // e.g. proxy.corp.example and 3128
                    + "&proxyUsername=camel&proxyPassword=RAW(" + proxyPassword + ")"; // leave both out if it asks for none
            // end::proxy-endpoint[]

            template.sendBody(telemetry + "&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls", "authenticated");

            assertThat(hub.service().awaitTelemetry(device, 1, WAIT)).extracting(TelemetryMessage::bodyAsString)
                    .containsExactly("authenticated");
            assertThat(proxy.tunnels()).containsExactly("localhost:" + hub.mqttPort());
            assertThat(proxy.refused()).isZero();
            for (Endpoint endpoint : context.getEndpoints()) {
                assertThat(endpoint.toString()).doesNotContain(PASSWORD);
                if (endpoint instanceof IotHubMqttEndpoint iothub) {
                    assertThat(iothub.identities().only().settings().toString()).contains("HTTP proxy " + USER + "@127.0.0.1")
                            .doesNotContain(PASSWORD);
                }
            }
            assertThat(CapturedLogs.events()).noneMatch(e -> e.message().contains(PASSWORD));
        }
    }

    @Test
    void refusedProxyCredentialsAreSaidOnceAndSlowTheRetriesWithoutShowingThePassword() throws Exception {
        try (HttpConnectProxy proxy = HttpConnectProxy.requiringBasic(USER, PASSWORD)) {
            Identity device = newDevice("proxy-407");
            String wrong = "wr0ng-s3cret";
            CapturedLogs.clear();
            String options = credentials(proxy, wrong) + "&sendTimeout=2000&reconnectBackoffMin=10&reconnectBackoffMax=40";

            Exchange failed = template.request(uri("telemetry", device, options), e -> e.getMessage().setBody("x"));
            SessionStatus status = await().atMost(WAIT).until(() -> status(uri("status", device, options)),
                    s -> s.lastDisconnectReason() == DisconnectReason.PROXY_NOT_AUTHORIZED);
            await().atMost(WAIT).until(() -> proxyWarnings(device).size() == 1);

            assertThat(failed.getException()).isNotNull();
            assertThat(failed.getException().toString()).doesNotContain(wrong);
            assertThat(status.connected()).isFalse();
            assertThat(status.lastDisconnectDetail()).contains("HTTP proxy " + USER + "@127.0.0.1:" + proxy.port(),
                    "CONNECT localhost:" + hub.mqttPort(), "407", "check proxyUsername and proxyPassword")
                    .doesNotContain(wrong);
            assertThat(proxyWarnings(device)).singleElement().satisfies(message -> assertThat(message)
                    .contains("refused its proxy credentials 5 times in a row", "Retrying 10 times more slowly"));
            assertThat(CapturedLogs.events()).noneMatch(e -> e.message().contains(wrong));
            assertThat(proxy.tunnels()).isEmpty();
        }
    }

    @Test
    void theHubsCertificateIsCheckedAgainstTheHubsNameThroughTheTunnel() throws Exception {
        // the proxy resolves a name the client cannot, to the emulator, whose certificate names only localhost
        try (HttpConnectProxy proxy = HttpConnectProxy.sendingEveryTunnelTo("127.0.0.1", hub.mqttPort())) {
            Identity device = newDevice("proxy-tls");
            String options = "gatewayHostName=hub.invalid&proxyHost=127.0.0.1&proxyPort=" + proxy.port();

            SessionStatus status = await().atMost(WAIT).until(() -> status(uri("status", device, options)),
                    s -> s.lastDisconnectDetail() != null);

            assertThat(status.connected()).isFalse();
            assertThat(status.lastDisconnectDetail()).startsWith("the hub's certificate was refused");
            assertThat(proxy.tunnels()).contains("hub.invalid:" + hub.mqttPort());
        }
    }

    /**
     * The path behind the proxy turns into a black hole while the proxy itself stays up: the session must notice it
     * as on a direct connection (within 2 x ackTimeout + 2 s), reset its connection to the proxy, and open a new tunnel
     * once the path heals.
     */
    @Test
    void aBlackHoleBehindTheProxyIsNoticedAndANewTunnelOpened() throws Exception {
        try (FaultProxy path = FaultProxy.start("127.0.0.1", hub.mqttPort());
                HttpConnectProxy proxy = HttpConnectProxy.sendingEveryTunnelTo("127.0.0.1", path.port())) {
            Identity device = newDevice("proxy-black-hole");
            String options = "proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&ackTimeout=" + BLACK_HOLE_ACK_TIMEOUT
                    + "&connectTimeout=2000&reconnectBackoffMin=100&reconnectBackoffMax=500&sendTimeout=30000";
            String telemetry = uri("telemetry", device, options);
            String status = uri("status", device, options);
            template.sendBody(telemetry, "before");
            long reconnects = status(status).reconnectCount();

            path.blackHole(true);
            long start = System.nanoTime();
            CompletableFuture<Object> during = template.asyncSendBody(telemetry, "during");
            Optional<SessionStatus> cut = awaitDisconnected(status, WAIT);
            Duration noticed = Duration.ofNanos(System.nanoTime() - start);
            path.blackHole(false);
            during.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(cut).as("the black hole was noticed").isPresent();
            assertThat(noticed).isLessThanOrEqualTo(Duration.ofMillis(2 * BLACK_HOLE_ACK_TIMEOUT).plusSeconds(2));
            awaitReconnected(status, reconnects + 1, WAIT);
            assertThat(hub.service().awaitTelemetry(device, 2, WAIT)).extracting(TelemetryMessage::bodyAsString)
                    .contains("before", "during");
            assertThat(proxy.tunnels().size()).as("tunnels opened").isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void anUnreachableProxyIsNamedWithTheOptionsToCheck() throws IOException {
        int closedPort;
        try (ServerSocket nothingListens = new ServerSocket(0)) {
            closedPort = nothingListens.getLocalPort();
        }
        Identity device = newDevice("proxy-unreachable");
        String options = "proxyHost=127.0.0.1&proxyPort=" + closedPort;

        SessionStatus status = await().atMost(WAIT).until(() -> status(uri("status", device, options)),
                s -> s.lastDisconnectDetail() != null);

        assertThat(status.connected()).isFalse();
        assertThat(status.lastDisconnectReason()).isEqualTo(DisconnectReason.NETWORK_ERROR);
        assertThat(status.lastDisconnectDetail()).contains("cannot reach the HTTP proxy 127.0.0.1:" + closedPort,
                "check proxyHost and proxyPort");
    }

    @Test
    void incompleteOrUnsendableProxyOptionsFailWhenTheEndpointIsCreated() {
        Identity device = newDevice("proxy-options");

        assertThat(endpointFailure(device, "proxyHost=proxy.corp.example")).contains("needs proxyPort");
        assertThat(endpointFailure(device, "proxyPort=3128")).contains("need proxyHost");
        assertThat(endpointFailure(device, "proxyHost=proxy.corp.example&proxyPort=3128&proxyPassword=RAW(" + PASSWORD
                + ")")).contains("needs a proxy user name").doesNotContain(PASSWORD);
        assertThat(endpointFailure(device, "proxyHost=proxy.corp.example&proxyPort=3128&proxyUsername=a:b"
                + "&proxyPassword=RAW(" + PASSWORD + ")")).contains("without ':'").doesNotContain(PASSWORD);
    }

    /** The messages of the endpoint's failure and of all its causes. */
    private String endpointFailure(Identity device, String options) {
        String uri = uri("telemetry", device, options);
        Throwable failure = catchThrowable(() -> context.getEndpoint(uri));
        assertThat(failure).as(uri).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t).append('\n');
        }
        return messages.toString();
    }

    private static String credentials(HttpConnectProxy proxy, String password) {
        return "proxyHost=127.0.0.1&proxyPort=" + proxy.port() + "&proxyUsername=" + USER + "&proxyPassword=RAW("
                + password + ")";
    }

    private MockEndpoint c2dRoute(Identity device, int hubPort, String options) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("c2d", device, hubPort, options)).to("mock:c2d");
            }
        });
        MockEndpoint received = getMockEndpoint("mock:c2d");
        received.expectedBodiesReceived("down through the proxy");
        return received;
    }

    private static List<String> proxyWarnings(Identity device) {
        return CapturedLogs.events().stream()
                .filter(e -> e.level() == Level.WARN && e.message().contains(device.deviceId())
                        && e.message().contains("refused its proxy credentials"))
                .map(CapturedLogs.Event::message).toList();
    }
}
