package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.TrustOptions;

/**
 * MQTT over WebSocket over TLS on IoT Hub's path {@code /$iothub/websocket}. Vert.x MQTT serves WebSocket only on
 * {@code /mqtt}, so this small front accepts the WebSocket itself and pipes its bytes to the emulator's internal
 * plain MQTT listener on the loopback interface; the client certificate seen here is kept, keyed by the bridge's
 * local port, for the CONNECT check on the other side. Hub thread only.
 */
final class WebSocketFront {

    static final String PATH = "/$iothub/websocket";
    static final String NO_CLIENT_CERT_QUERY = "iothub-no-client-cert=true";

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketFront.class);

    private final Vertx vertx;
    private final int mqttBackendPort;
    private final NetClient backend;
    private final Map<Integer, X509Certificate> clientCertificateByBridgePort = new HashMap<>();
    private HttpServer server;

    WebSocketFront(Vertx vertx, int mqttBackendPort) {
        this.vertx = vertx;
        this.mqttBackendPort = mqttBackendPort;
        this.backend = vertx.createNetClient();
    }

    Future<HttpServer> listen(TlsMaterial tls, String host, int port) {
        HttpServerOptions options = new HttpServerOptions()
                .setSsl(true)
                .setKeyCertOptions(tls.serverKeyCert())
                .setClientAuth(ClientAuth.REQUEST)
                .setTrustOptions(TrustOptions.wrap(new AnyClientCertificate()))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2"))
                .setWebSocketSubProtocols(caseVariants("mqtt"));
        server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(this::handshake)
                .webSocketHandler(this::bridge)
                .requestHandler(request -> request.response().setStatusCode(404).end());
        return server.listen(port, host);
    }

    /** The client certificate of the WebSocket whose bridge connection has this local port, or null. */
    X509Certificate clientCertificate(int bridgePort) {
        return clientCertificateByBridgePort.get(bridgePort);
    }

    Future<Void> close() {
        backend.close();
        return server == null ? Future.succeededFuture() : server.close();
    }

    private void handshake(ServerWebSocketHandshake handshake) {
        String query = handshake.query();
        String protocols = handshake.headers().get("Sec-WebSocket-Protocol");
        boolean pathOk = PATH.equals(handshake.path()) && (query == null || query.equals(NO_CLIENT_CERT_QUERY));
        boolean mqtt = protocols != null && List.of(protocols.toLowerCase(Locale.ROOT).split("\\s*,\\s*"))
                .contains("mqtt");
        if (pathOk && mqtt) {
            handshake.accept();
        } else {
            LOG.info("WebSocket upgrade refused: {} with sub-protocol {} (IoT Hub serves {} with 'mqtt')",
                    ClientText.quote(handshake.uri()), ClientText.quote(protocols), PATH);
            handshake.reject(pathOk ? 400 : 404);
        }
    }

    private void bridge(ServerWebSocket webSocket) {
        webSocket.pause();
        X509Certificate certificate = PeerCertificates.clientCertificate(webSocket.sslSession());
        backend.connect(mqttBackendPort, "127.0.0.1").onComplete(connected -> {
            if (connected.failed()) {
                LOG.warn("cannot reach the internal MQTT listener: {}", connected.cause().toString());
                webSocket.close();
                return;
            }
            NetSocket socket = connected.result();
            int bridgePort = socket.localAddress().port();
            if (certificate != null) {
                clientCertificateByBridgePort.put(bridgePort, certificate);
            }
            socket.closeHandler(v -> {
                clientCertificateByBridgePort.remove(bridgePort);
                webSocket.close();
            });
            webSocket.closeHandler(v -> socket.close());
            socket.handler(webSocket::writeBinaryMessage);
            webSocket.handler(socket::write);
            webSocket.resume();
        });
    }

    /** Netty matches sub-protocols case-sensitively; the hub takes {@code mqtt} in any case (C sends MQTT). */
    static List<String> caseVariants(String word) {
        List<String> variants = List.of("");
        for (char c : word.toCharArray()) {
            variants = variants.stream()
                    .flatMap(prefix -> Set.of(prefix + Character.toLowerCase(c), prefix + Character.toUpperCase(c))
                            .stream())
                    .toList();
        }
        return variants;
    }
}
