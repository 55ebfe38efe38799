package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.net.InetAddress;
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
final class AbortableSocketFactory extends SSLSocketFactory {

    private final SSLSocketFactory delegate;
    private final ProxySettings proxy;
    private volatile Socket tcp;

    /** @param proxy the HTTP proxy to tunnel through, or {@code null} to connect directly */
    AbortableSocketFactory(SSLSocketFactory delegate, ProxySettings proxy) {
        this.delegate = delegate;
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

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return remember(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return remember(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return remember(delegate.createSocket(address, port, localAddress, localPort));
    }

    private Socket remember(Socket socket) {
        tcp = socket;
        return socket;
    }
}
