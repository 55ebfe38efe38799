package io.github.iothubmqtt.emulator;

import io.vertx.core.Future;
import io.vertx.mqtt.MqttServer;

/** The DPS endpoint's own MQTT-over-TLS listener (DPS's port is 8883 too, on its own host). Started on the hub thread. */
final class DpsListener {

    private final ProvisioningService service;
    private final HubThread thread;
    private final TlsMaterial tls;
    private MqttServer server;

    DpsListener(ProvisioningService service, HubThread thread, TlsMaterial tls) {
        this.service = service;
        this.thread = thread;
        this.tls = tls;
    }

    /** Completes with the bound port. */
    Future<Integer> listen(String host, int port) {
        server = MqttServer.create(thread.vertx(), MqttListeners.tlsOptions(tls)).endpointHandler(endpoint -> DpsConnection
                .connect(service, thread.vertx(), endpoint, PeerCertificates.clientCertificate(endpoint.sslSession())));
        return server.listen(port, host)
                .recover(e -> Future.failedFuture(new PortUnavailableException("DPS (MQTT over TLS)", port, "--dps-port", e)))
                .map(MqttServer::actualPort);
    }

    Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
