package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.camel.session.PresetTlsParameters;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.camel.test.Trust;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.support.jsse.FilterParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.junit.jupiter.api.Test;

/**
 * Camel's TLS settings are worked out once per TLS source and given to every socket: the cipher suites and protocols
 * they filter still apply, and each socket still names its own host.
 */
class TlsSettingsOnceTest extends EmulatorTestSupport {

    private static final String SUITE = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

    private SSLContextParameters narrowed() {
        SSLContextParameters parameters = Trust.trusting(hub.trustStore());
        FilterParameters suites = new FilterParameters();
        suites.getInclude().add(".*ECDHE_RSA_WITH_AES_128_GCM.*");
        parameters.setCipherSuitesFilter(suites);
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.getSecureSocketProtocol().add("TLSv1.2");
        parameters.setSecureSocketProtocols(protocols);
        return parameters;
    }

    @Test
    void everySocketGetsTheSuitesAndProtocolsCamelFiltered() throws Exception {
        SSLSocketFactory factory = SessionSettingsFactory.socketFactory(narrowed(), context);

        assertThat(factory).isInstanceOf(PresetTlsParameters.class);
        for (int i = 0; i < 2; i++) {
            try (SSLSocket socket = (SSLSocket) factory.createSocket()) {
                assertThat(socket.getEnabledCipherSuites()).containsExactly(SUITE);
                assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
            }
        }
    }

    @Test
    void aSocketForAHostKeepsItsServerNameAndCompletesTheHandshake() throws Exception {
        SSLSocketFactory factory = SessionSettingsFactory.socketFactory(narrowed(), context);

        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", hub.mqttPort()));
            // the JDK names only dotted hosts; no endpoint identification is asked for, so any name will do
            try (SSLSocket socket = (SSLSocket) factory.createSocket(tcp, "hub.example", hub.mqttPort(), false)) {
                assertThat(socket.getSSLParameters().getServerNames()).containsExactly(new SNIHostName("hub.example"));
                socket.startHandshake();
                assertThat(socket.getSession().getCipherSuite()).isEqualTo(SUITE);
            }
        }
    }

    @Test
    void aDeviceConnectsWithNarrowedSettings() throws Exception {
        context.getRegistry().bind("narrowed", narrowed());
        Identity device = newDevice("narrowed");

        template.sendBody(uri("telemetry", device, "").replace("#hubTls", "#narrowed"), "hello");

        assertThat(hub.service().telemetry(device)).hasSize(1);
        assertThat(List.of(hub.service().connectionCount(device))).containsExactly(1);
    }
}
