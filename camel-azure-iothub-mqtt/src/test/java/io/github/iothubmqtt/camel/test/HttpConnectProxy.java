package io.github.iothubmqtt.camel.test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;

/**
 * An HTTP CONNECT proxy on an ephemeral loopback port, as enterprise networks have them: Jetty's
 * {@link ConnectHandler}, optionally asking for Basic credentials (407 without the right ones). It records the
 * host:port of each CONNECT it accepted, and counts the ones it refused.
 */
public final class HttpConnectProxy implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();

    private HttpConnectProxy(String requiredAuthorization, InetSocketAddress everyTunnelTo) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ConnectHandler() {
            @Override
            protected boolean handleAuthentication(Request request, Response response, String address) {
                boolean accepted = requiredAuthorization == null
                        || requiredAuthorization.equals(request.getHeaders().get(HttpHeader.PROXY_AUTHORIZATION));
                if (accepted) {
                    tunnels.add(address);
                } else {
                    refused.incrementAndGet();
                }
                return accepted;
            }

            @Override
            protected InetSocketAddress newConnectAddress(String host, int port) {
                return everyTunnelTo == null ? super.newConnectAddress(host, port) : everyTunnelTo;
            }
        });
    }

    /** A proxy that asks for no credentials. */
    public static HttpConnectProxy open() {
        return start(new HttpConnectProxy(null, null));
    }

    /**
     * A proxy that asks for no credentials and opens every tunnel to this host and port, whatever it is asked for: as
     * a proxy that resolves names its clients cannot, or one with a faulty path behind it.
     */
    public static HttpConnectProxy sendingEveryTunnelTo(String host, int port) {
        return start(new HttpConnectProxy(null, new InetSocketAddress(host, port)));
    }

    /** A proxy that lets through only CONNECTs with these Basic credentials. */
    public static HttpConnectProxy requiringBasic(String username, String password) {
        String credentials = username + ":" + password;
        return start(new HttpConnectProxy(
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)), null));
    }

    private static HttpConnectProxy start(HttpConnectProxy proxy) {
        try {
            proxy.server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the proxy did not start", e);
        }
        return proxy;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** The targets (host:port) of the CONNECTs it accepted, in order. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** How many CONNECTs it answered with 407. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
