package io.github.iothubmqtt.camel.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 between a client and a target, with network faults a test switches on while connections
 * are open. Two daemon threads per connection copy bytes; every control is thread-safe.
 * <p>
 * A black hole is half-open: the proxy's kernel still acknowledges what the peers write, but nothing is delivered and
 * nothing closes. The bytes are lost, so a connection that lived through one cannot carry on (TLS would see a gap):
 * switching the black hole off resets every such connection, as a firewall that lost their state does.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 16 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** After a kill, how long the proxy waits for the peers to close their ends before it closes its own. */
    private static final long KILL_GRACE_MILLIS = 2_000;

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final AtomicInteger linkNumbers = new AtomicInteger();
    private final List<Long> acceptedNanos = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService reaper;
    private final Thread acceptor;
    private volatile boolean blackHole;
    private volatile long delayNanos;

    private FaultProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fault-proxy-reaper-" + port()));
        this.acceptor = daemon(this::acceptLoop, "fault-proxy-accept-" + port());
        acceptor.start();
    }

    /** A proxy to {@code host:port}, already listening. */
    public static FaultProxy start(String host, int port) {
        try {
            return new FaultProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** When each connection was accepted ({@link System#nanoTime()}), in order. */
    public List<Long> acceptedNanos() {
        synchronized (acceptedNanos) {
            return List.copyOf(acceptedNanos);
        }
    }

    /** Open connections, including those swallowed by a black hole. */
    public int connectionCount() {
        return links.size();
    }

    /** Ends every open connection with a FIN to both peers; new connections work as before. */
    public void kill() {
        List.copyOf(links).forEach(Link::kill);
    }

    /** Ends every open connection with an RST to both peers (SO_LINGER 0); new connections work as before. */
    public void reset() {
        List.copyOf(links).forEach(Link::reset);
    }

    /** On: nothing is forwarded on any connection, old or new, and none is closed. Off: those connections are reset. */
    public void blackHole(boolean on) {
        blackHole = on;
        for (Link link : List.copyOf(links)) {
            if (on) {
                link.swallowed = true;
            } else if (link.swallowed) {
                link.reset();
            }
        }
    }

    /** Latency added before each forwarded chunk, in both directions (chunks are not pipelined). */
    public void delay(Duration delay) {
        delayNanos = delay.toNanos();
    }

    /** Stops listening and closes every connection. */
    public void stop() {
        try {
            server.close();
            // the JDK closes a socket blocked in accept() only once that thread has left it
            acceptor.join(CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List.copyOf(links).forEach(Link::close);
        reaper.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Link link = new Link(server.accept(), linkNumbers.incrementAndGet());
                acceptedNanos.add(System.nanoTime());
                links.add(link);
                link.swallowed = blackHole; // read after joining links, so a concurrent blackHole(…) cannot miss it
                daemon(link::runUpstream, "fault-proxy-" + port() + "-" + link.number + "-up").start();
            } catch (IOException e) {
                // the server socket was closed: stop() ends the loop
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    /** One proxied connection: the client's socket and, unless it was opened in a black hole, the target's. */
    private final class Link {

        final Socket client;
        final int number;
        volatile Socket upstream;
        volatile boolean swallowed;
        volatile boolean killed;
        private final AtomicInteger openDirections = new AtomicInteger(2);

        Link(Socket client, int number) {
            this.client = client;
            this.number = number;
        }

        /** Connects to the target (unless swallowed), then copies client to target on this thread. */
        void runUpstream() {
            if (!swallowed) {
                try {
                    Socket socket = new Socket();
                    socket.connect(target, CONNECT_TIMEOUT_MILLIS);
                    upstream = socket;
                } catch (IOException e) {
                    reset(); // the target refuses: so does the proxy, as closely as it can once accepted
                    return;
                }
                if (killed || swallowed) {
                    closeQuietly(upstream); // a fault came while connecting: the target never sees this client
                } else {
                    daemon(() -> pump(upstream, client), "fault-proxy-" + port() + "-" + number + "-down").start();
                }
            }
            pump(client, upstream);
        }

        /** Copies until end of stream, then passes the half-close on; drops everything while swallowed or killed. */
        private void pump(Socket from, Socket to) {
            byte[] buffer = new byte[BUFFER_BYTES];
            try {
                InputStream in = from.getInputStream();
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (delayNanos > 0 && !swallowed && !killed) {
                        Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
                    }
                    if (!swallowed && !killed && to != null) {
                        OutputStream out = to.getOutputStream();
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                }
                if (to != null && !killed && !swallowed) {
                    to.shutdownOutput();
                }
            } catch (IOException | InterruptedException e) {
                close();
                return;
            }
            if (openDirections.decrementAndGet() == 0 || to == null) {
                close();
            }
        }

        /** FIN both ways, keep reading (and dropping) so no unread byte turns the close into an RST. */
        void kill() {
            killed = true;
            shutdownOutput(client);
            shutdownOutput(upstream);
            reaper.schedule(this::close, KILL_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }

        void reset() {
            for (Socket socket : new Socket[] {client, upstream}) {
                try {
                    if (socket != null) {
                        socket.setSoLinger(true, 0);
                    }
                } catch (IOException e) {
                    // already closed
                }
            }
            close();
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
            links.remove(this);
        }

        private void shutdownOutput(Socket socket) {
            try {
                if (socket != null) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // already closed
            }
        }

        private void closeQuietly(Socket socket) {
            try {
                if (socket != null) {
                    socket.close();
                }
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
