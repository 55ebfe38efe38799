package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Consumer;

import io.github.iothubmqtt.protocol.ProxyConnect;

/**
 * Opens a TCP connection to a host through an HTTP proxy: connects to the proxy, sends CONNECT with the proxy's Basic
 * credentials and reads the answer, all within one timeout. What it returns carries the bytes to and from the host;
 * TLS is the caller's business.
 */
final class ProxyTunnel {

    /** When the caller gives no timeout: the whole exchange with the proxy is bounded all the same. */
    private static final int DEFAULT_TIMEOUT_MILLIS = 30_000;

    private ProxyTunnel() {
    }

    /**
     * @param timeoutMillis how long reaching the proxy and its answer may take together; 0 for a default
     * @param created       gets the socket to the proxy before it connects, so that it can be aborted at any time
     * @throws ProxyException when the proxy cannot be reached, does not answer in time, or refuses the tunnel
     */
    static Socket open(ProxySettings proxy, String host, int port, int timeoutMillis, Consumer<Socket> created)
            throws IOException {
        int timeout = timeoutMillis > 0 ? timeoutMillis : DEFAULT_TIMEOUT_MILLIS;
        long deadline = System.nanoTime() + timeout * 1_000_000L;
        String target = "CONNECT " + host + ":" + port;
        byte[] request;
        try {
            request = ProxyConnect.request(host, port, proxy.username(), proxy.password());
        } catch (IllegalArgumentException e) {
            throw new ProxyException("the " + proxy + " cannot be asked to " + target + ": " + e.getMessage(), 0, null);
        }
        Socket socket = new Socket();
        created.accept(socket);
        boolean opened = false;
        try {
            try {
                socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
            } catch (IOException e) {
                throw new ProxyException("cannot reach the " + proxy + " (" + e.getMessage() + "): check proxyHost and"
                        + " proxyPort", 0, e);
            }
            ProxyConnect.Answer answer = exchange(socket, request, proxy, target, deadline);
            if (answer.status() == ProxyConnect.PROXY_AUTHENTICATION_REQUIRED) {
                throw new ProxyException("the " + proxy + " refused " + target + " with " + answer + ": "
                        + (proxy.username() == null
                                ? "it wants credentials, set proxyUsername and proxyPassword"
                                : "check proxyUsername and proxyPassword (only Basic authentication is offered)"),
                        answer.status(), null);
            }
            if (!answer.tunnelOpened()) {
                throw new ProxyException("the " + proxy + " refused " + target + " with " + answer
                        + " (it may not allow tunnels to this host or port)", answer.status(), null);
            }
            socket.setSoTimeout(0);
            opened = true;
            return socket;
        } finally {
            if (!opened) {
                socket.close();
            }
        }
    }

    private static ProxyConnect.Answer exchange(Socket socket, byte[] request, ProxySettings proxy, String target,
            long deadline) throws IOException {
        try {
            socket.setSoTimeout(remainingMillis(deadline));
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            return answer(socket, proxy, target, deadline);
        } catch (ProxyException e) {
            throw e;
        } catch (SocketTimeoutException e) {
            throw new ProxyException("the " + proxy + " did not answer " + target + " within the connect timeout", 0, e);
        } catch (IOException e) {
            throw new ProxyException("the " + proxy + " broke off " + target + " (" + e.getMessage() + ")", 0, e);
        }
    }

    /** Reads the answer's head byte by byte: what follows it is the host's, and must stay in the stream. */
    private static ProxyConnect.Answer answer(Socket socket, ProxySettings proxy, String target, long deadline)
            throws IOException {
        InputStream in = socket.getInputStream();
        ProxyConnect.Head head = new ProxyConnect.Head();
        try {
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new ProxyException("the " + proxy + " closed the connection without answering " + target, 0,
                            null);
                }
                if (head.add(b)) {
                    return head.answer();
                }
                socket.setSoTimeout(remainingMillis(deadline));
            }
        } catch (IllegalArgumentException e) {
            throw new ProxyException("the " + proxy + " answered " + target + " with what is no CONNECT answer: "
                    + e.getMessage(), 0, null);
        }
    }

    private static int remainingMillis(long deadline) throws SocketTimeoutException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000L;
        if (remaining <= 0) {
            throw new SocketTimeoutException("connect timeout");
        }
        return (int) Math.min(Integer.MAX_VALUE, remaining);
    }
}
