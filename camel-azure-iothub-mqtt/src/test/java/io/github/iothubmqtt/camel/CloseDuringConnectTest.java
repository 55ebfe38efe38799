package io.github.iothubmqtt.camel;

import java.time.Duration;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.FaultProxy;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Producer;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/**
 * A session closed while its connect is under way (a replica losing an identity right after winning it, a route
 * stopped during start-up) must not leave that connection open at the hub once it completes: the next owner of the
 * identity would take it over.
 */
class CloseDuringConnectTest extends EmulatorTestSupport {

    /** Per chunk, both ways: the TLS handshake and CONNECT take several seconds through it. */
    private static final Duration LATENCY = Duration.ofMillis(400);
    private static final Duration MID_CONNECT = Duration.ofMillis(1_000);
    private static final Duration CONNECT_WOULD_HAVE_ENDED = Duration.ofSeconds(8);

    @Test
    void aSessionClosedMidConnectLeavesNoConnectionAtTheHub() throws Exception {
        Identity device = newDevice("close-mid-connect");
        try (FaultProxy proxy = FaultProxy.start("127.0.0.1", hub.mqttPort())) {
            proxy.delay(LATENCY);
            Producer producer = context.getEndpoint(uri("telemetry", device, proxy.port(), "")).createProducer();
            producer.start(); // opens the session, which starts connecting
            await().atMost(WAIT).until(() -> proxy.connectionCount() == 1);
            Thread.sleep(MID_CONNECT.toMillis());
            producer.stop(); // closes the session mid-connect
            await().during(CONNECT_WOULD_HAVE_ENDED).atMost(CONNECT_WOULD_HAVE_ENDED.plusSeconds(2))
                    .until(() -> hub.service().connectionCount(device) == 0);
        }
    }
}
