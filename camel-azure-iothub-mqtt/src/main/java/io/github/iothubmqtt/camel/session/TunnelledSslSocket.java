package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.function.Consumer;

import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The TLS socket Paho gets when a proxy is set. Paho creates it unconnected and connects it to the hub's address;
 * this connect opens a tunnel through the proxy instead ({@link ProxyTunnel}) and layers TLS on it for the hub's host
 * name, with the same trust, client certificate and host name verification as a direct connection. Everything after
 * the connect is the layered TLS socket's; before it, only {@link #close()} is meaningful.
 */
final class TunnelledSslSocket extends SSLSocket {

    private static final String HOST_NAME_VERIFICATION = "HTTPS";

    private final SSLSocketFactory tls;
    private final ProxySettings proxy;
    private final Consumer<Socket> tunnelCreated;
    private volatile Socket tunnel;
    private volatile SSLSocket layered;
    private volatile boolean closedEarly;

    /** @param tunnelCreated gets the TCP socket to the proxy as soon as it exists, to abort it */
    TunnelledSslSocket(SSLSocketFactory tls, ProxySettings proxy, Consumer<Socket> tunnelCreated) {
        this.tls = tls;
        this.proxy = proxy;
        this.tunnelCreated = tunnelCreated;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    /** Paho names the hub by host name; it is not resolved here but by the proxy. */
    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress hub)) {
            throw new IllegalArgumentException("not a host and port: " + endpoint);
        }
        if (closedEarly || layered != null) {
            throw new SocketException(closedEarly ? "Socket is closed" : "already connected");
        }
        Socket opened = ProxyTunnel.open(proxy, hub.getHostString(), hub.getPort(), timeout, created -> {
            tunnel = created;
            tunnelCreated.accept(created);
        });
        SSLSocket socket = (SSLSocket) tls.createSocket(opened, hub.getHostString(), hub.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(HOST_NAME_VERIFICATION);
        socket.setSSLParameters(parameters);
        layered = socket;
        if (closedEarly) { // closed while the tunnel was being opened
            socket.close();
            throw new SocketException("Socket is closed");
        }
    }

    private SSLSocket tls() throws SocketException {
        SSLSocket socket = layered;
        if (socket == null) {
            throw new SocketException("not connected");
        }
        return socket;
    }

    /** For the calls that declare no exception: before the connect they are a caller's mistake. */
    private SSLSocket connected() {
        SSLSocket socket = layered;
        if (socket == null) {
            throw new IllegalStateException("not connected");
        }
        return socket;
    }

    /** Before TLS is layered, closing ends the tunnel being opened, so a connect that gave up does not linger. */
    @Override
    public void close() throws IOException {
        closedEarly = true;
        SSLSocket socket = layered;
        Socket opening = tunnel;
        if (socket != null) {
            socket.close();
        } else if (opening != null) {
            opening.close();
        }
        super.close();
    }

    @Override
    public boolean isConnected() {
        SSLSocket socket = layered;
        return socket != null && socket.isConnected();
    }

    @Override
    public boolean isClosed() {
        SSLSocket socket = layered;
        return socket == null ? closedEarly : socket.isClosed();
    }

    @Override
    public boolean isBound() {
        SSLSocket socket = layered;
        return socket != null && socket.isBound();
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return tls().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return tls().getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        tls().setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return tls().getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        tls().setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return tls().getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        tls().setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return tls().getKeepAlive();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        tls().setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return tls().getSoLinger();
    }

    @Override
    public void shutdownInput() throws IOException {
        tls().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        tls().shutdownOutput();
    }

    @Override
    public boolean isInputShutdown() {
        SSLSocket socket = layered;
        return socket != null && socket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        SSLSocket socket = layered;
        return socket != null && socket.isOutputShutdown();
    }

    /** The proxy's address: that is where this socket's TCP connection goes. */
    @Override
    public InetAddress getInetAddress() {
        SSLSocket socket = layered;
        return socket == null ? null : socket.getInetAddress();
    }

    @Override
    public int getPort() {
        SSLSocket socket = layered;
        return socket == null ? 0 : socket.getPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        SSLSocket socket = layered;
        return socket == null ? null : socket.getRemoteSocketAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        SSLSocket socket = layered;
        return socket == null ? super.getLocalAddress() : socket.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        SSLSocket socket = layered;
        return socket == null ? -1 : socket.getLocalPort();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        SSLSocket socket = layered;
        return socket == null ? null : socket.getLocalSocketAddress();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return connected().getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return connected().getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        connected().setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return connected().getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return connected().getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        connected().setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return connected().getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return connected().getHandshakeSession();
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        connected().addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        connected().removeHandshakeCompletedListener(listener);
    }

    @Override
    public void startHandshake() throws IOException {
        tls().startHandshake();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        connected().setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return connected().getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        connected().setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return connected().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        connected().setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return connected().getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        connected().setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return connected().getEnableSessionCreation();
    }

    /**
     * Keeps host name verification on whatever parameters the caller sets: Paho sets parameters of its own after the
     * connect, and this socket must not depend on which.
     */
    @Override
    public void setSSLParameters(SSLParameters parameters) {
        if (parameters.getEndpointIdentificationAlgorithm() == null) {
            parameters.setEndpointIdentificationAlgorithm(HOST_NAME_VERIFICATION);
        }
        connected().setSSLParameters(parameters);
    }

    @Override
    public SSLParameters getSSLParameters() {
        return connected().getSSLParameters();
    }

    @Override
    public String getApplicationProtocol() {
        return connected().getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return connected().getHandshakeApplicationProtocol();
    }

    @Override
    public String toString() {
        SSLSocket socket = layered;
        return "TunnelledSslSocket[" + proxy + (socket == null ? ", unconnected" : ", " + socket) + "]";
    }
}
