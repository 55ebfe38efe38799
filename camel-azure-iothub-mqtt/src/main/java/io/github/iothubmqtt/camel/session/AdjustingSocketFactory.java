package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

import javax.net.ssl.SSLSocketFactory;

/** A TLS socket factory that creates its sockets with another and may adjust each before it is used. */
abstract class AdjustingSocketFactory extends SSLSocketFactory {

    protected final SSLSocketFactory delegate;

    AdjustingSocketFactory(SSLSocketFactory delegate) {
        this.delegate = delegate;
    }

    /**
     * Adjusts a socket just created.
     *
     * @param host the host it is for, {@code null} when it was created unconnected or for an address
     */
    protected abstract Socket adjust(Socket created, String host, int port);

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return adjust(delegate.createSocket(socket, host, port, autoClose), host, port);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return adjust(delegate.createSocket(host, port), host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return adjust(delegate.createSocket(host, port, localHost, localPort), host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port) throws IOException {
        return adjust(delegate.createSocket(address, port), null, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return adjust(delegate.createSocket(address, port, localAddress, localPort), null, port);
    }

    @Override
    public Socket createSocket() throws IOException {
        return adjust(delegate.createSocket(), null, -1);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }
}
