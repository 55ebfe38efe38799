package io.github.iothubmqtt.camel.session;

import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket factory that offers each hub only the TLS version it negotiated last. IoT Hub and DPS speak TLS 1.2. A
 * client that also offers TLS 1.3 makes two key shares (x25519 and P-256) for every ClientHello, which a TLS 1.2 hub
 * never reads: the larger part of the CPU a connect costs once the TLS session is resumed, and a fleet reconnects
 * thousands of identities at once. So once a handshake with a hub has completed, the next sockets to that host and
 * port enable only the version it chose, if the TLS configuration enables it at all. The JDK's downgrade protection
 * guards the handshake that is learned from. A version is remembered for {@link #REMEMBERED_FOR}, and {@link #forget}
 * drops all after a failed TLS handshake, so a hub that changes its versions is learned again.
 */
public final class NegotiatedTlsVersions extends AdjustingSocketFactory {

    static final Duration REMEMBERED_FOR = Duration.ofMinutes(10);
    private final Map<String, Learned> byHub = new ConcurrentHashMap<>();

    private record Learned(String protocol, long untilNanos) {
    }

    public NegotiatedTlsVersions(SSLSocketFactory delegate) {
        super(delegate);
    }

    /** After a TLS failure: the next sockets offer every enabled version again. */
    void forget() {
        byHub.clear();
    }

    /** The sockets of connections to one hub, which Paho creates unconnected, before it names the hub. */
    SSLSocketFactory towards(String hubHost, int hubPort) {
        return new AdjustingSocketFactory(this) {
            @Override
            protected Socket adjust(Socket created, String host, int port) {
                return host == null ? offer(created, hubHost, hubPort) : created;
            }
        };
    }

    /** A socket created unconnected or for an address names no hub, so it offers every enabled version. */
    @Override
    protected Socket adjust(Socket created, String host, int port) {
        return host == null ? created : offer(created, host, port);
    }

    private Socket offer(Socket created, String host, int port) {
        if (!(created instanceof SSLSocket socket)) {
            return created;
        }
        String hub = host + ":" + port;
        Learned learned = byHub.get(hub);
        if (learned != null && learned.untilNanos - System.nanoTime() > 0
                && Arrays.asList(socket.getEnabledProtocols()).contains(learned.protocol)) {
            socket.setEnabledProtocols(new String[] {learned.protocol});
        } else {
            // the JDK tells listeners on a thread of their own: only until this hub's version is known
            socket.addHandshakeCompletedListener(done -> byHub.put(hub,
                    new Learned(done.getSession().getProtocol(), System.nanoTime() + REMEMBERED_FOR.toNanos())));
        }
        return socket;
    }
}
