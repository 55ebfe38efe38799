package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket factory of one connection attempt. It keeps the connection's TCP socket so {@link #abort()} can close
 * it at once. Closing the TLS socket instead would first write a close_notify, which blocks on a black-holed path whose
 * send buffer is full, and leaves Paho's threads stuck with it.
 * <p>
 * Paho 1.2.5 (ssl:// and wss://) takes an unconnected socket from {@link #createSocket()} and connects it to the hub.
 * With a proxy that socket is a {@link TunnelledSslSocket}, whose connect goes to the proxy, and the socket kept is its
 * plain TCP socket to the proxy: aborting resets it, which ends the tunnel and skips any TLS close.
 */
final class AbortableSocketFactory extends AdjustingSocketFactory {

    private final ProxySettings proxy;
    private volatile Socket tcp;

    /** @param proxy the HTTP proxy to tunnel through, or {@code null} to connect directly */
    AbortableSocketFactory(SSLSocketFactory delegate, ProxySettings proxy) {
        super(delegate);
        this.proxy = proxy;
    }

    /** Resets the TCP connection (RST, no TLS close): every read and write on it fails now. */
    void abort() {
        Socket socket = tcp;
        if (socket == null) {
            return;
        }
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException | RuntimeException ignored) {
            // already closed: nothing to reset
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that was asked
        }
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        tcp = socket;
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket() throws IOException {
        if (proxy != null) {
            return new TunnelledSslSocket(delegate, proxy, this::remember);
        }
        return remember(delegate.createSocket());
    }

    /** Any other socket is a TCP connection of its own: aborting resets it. */
    @Override
    protected Socket adjust(Socket created, String host, int port) {
        return remember(created);
    }

    private Socket remember(Socket socket) {
        tcp = socket;
        return socket;
    }
}
