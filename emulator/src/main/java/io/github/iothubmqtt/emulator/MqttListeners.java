package io.github.iothubmqtt.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.vertx.core.Future;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.TrustOptions;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;

/**
 * The device-facing listeners: MQTT 3.1.1 over TLS 1.2, and MQTT over WebSocket over TLS through the
 * {@link WebSocketFront}, whose bytes reach an internal plain MQTT listener on the loopback interface. Both request
 * (but do not require) a client certificate for X.509 devices. Started on the hub thread.
 */
final class MqttListeners {

    /** Large enough for a 256 KB message plus its property bag; bigger ones reach the hub's own size check. */
    private static final int MAX_MESSAGE_SIZE = 512 * 1024;

    private final Hub hub;
    private final TlsMaterial tls;
    private final List<MqttServer> servers = new ArrayList<>();
    private WebSocketFront webSocketFront;

    MqttListeners(Hub hub, TlsMaterial tls) {
        this.hub = hub;
        this.tls = tls;
    }

    /** Starts the TLS listener; completes with the bound port. */
    Future<Integer> listenTls(String host, int port) {
        MqttServer server = MqttServer.create(hub.thread().vertx(), tlsOptions(tls)).endpointHandler(
                endpoint -> hub.connect(endpoint, PeerCertificates.clientCertificate(endpoint.sslSession()), "MQTT"));
        servers.add(server);
        return server.listen(port, host)
                .recover(e -> Future.failedFuture(new PortUnavailableException("MQTT over TLS", port, "--mqtt-port", e)))
                .map(MqttServer::actualPort);
    }

    /** TLS 1.2 that requests, but does not require, a client certificate (the DPS endpoint's too). */
    static MqttServerOptions tlsOptions(TlsMaterial tls) {
        MqttServerOptions options = new MqttServerOptions()
                .setSsl(true)
                .setKeyCertOptions(tls.serverKeyCert())
                .setClientAuth(ClientAuth.REQUEST)
                .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
                .setMaxMessageSize(MAX_MESSAGE_SIZE);
        options.setEnabledSecureTransportProtocols(Set.of("TLSv1.2"));
        return options;
    }

    /** Starts the internal MQTT listener and the WebSocket front before it; completes with the front's port. */
    Future<Integer> listenWebSocket(String host, int port) {
        MqttServer backend = MqttServer.create(hub.thread().vertx(),
                new MqttServerOptions().setMaxMessageSize(MAX_MESSAGE_SIZE));
        backend.endpointHandler(endpoint -> hub.connect(endpoint,
                webSocketFront.clientCertificate(endpoint.remoteAddress().port()), "MQTT over WebSocket"));
        servers.add(backend);
        return backend.listen(0, "127.0.0.1").compose(listening -> {
            webSocketFront = new WebSocketFront(hub.thread().vertx(), listening.actualPort());
            return webSocketFront.listen(tls, host, port)
                    .recover(e -> Future.failedFuture(
                            new PortUnavailableException("MQTT over WebSocket", port, "--ws-port", e)));
        }).map(server -> server.actualPort());
    }

    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        servers.forEach(server -> closing.add(server.close()));
        if (webSocketFront != null) {
            closing.add(webSocketFront.close());
        }
        return Future.join(closing).mapEmpty();
    }
}
