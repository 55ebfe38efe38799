package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Gives every socket of a plain TLS socket factory the parameters that a configuring factory set on one sample
 * socket. A configuring factory such as Camel's filters the supported cipher suites and protocols with regular
 * expressions on every socket it creates; the result never changes, and a fleet creates a socket for every connect,
 * reconnect and SAS renewal of thousands of identities.
 */
public final class PresetTlsParameters extends AdjustingSocketFactory {

    private final SSLParameters preset;

    private PresetTlsParameters(SSLSocketFactory plain, SSLParameters preset) {
        super(plain);
        this.preset = preset;
    }

    /**
     * @param plain       creates the sockets
     * @param configuring creates the same sockets and configures each; asked once, for an unconnected sample
     */
    public static PresetTlsParameters sampled(SSLSocketFactory plain, SSLSocketFactory configuring) throws IOException {
        try (SSLSocket sample = (SSLSocket) configuring.createSocket()) {
            return new PresetTlsParameters(plain, sample.getSSLParameters());
        }
    }

    @Override
    protected Socket adjust(Socket created, String host, int port) {
        if (created instanceof SSLSocket socket) {
            socket.setSSLParameters(preset);
        }
        return created;
    }
}
