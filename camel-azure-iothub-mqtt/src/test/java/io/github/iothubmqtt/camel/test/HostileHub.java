package io.github.iothubmqtt.camel.test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

import io.github.iothubmqtt.emulator.CertificateAuthority;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.MqttTopicSubscription;
import org.apache.camel.support.jsse.SSLContextParameters;

import static org.awaitility.Awaitility.await;

/**
 * A hub that misbehaves on purpose: a bare MQTT server over real TLS that accepts any device, grants every
 * subscription, acknowledges every PUBLISH and otherwise sends only what a test tells it to, however malformed. Twin
 * requests are answered by the device's responder; everything the device publishes is recorded.
 */
public final class HostileHub implements AutoCloseable {

    /** A message on the wire, either way. */
    public record Packet(String topic, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final long WAIT_SECONDS = 30;

    private final Vertx vertx = Vertx.vertx();
    private final CertificateAuthority authority = CertificateAuthority.create("hostile hub CA");
    private final Map<String, Device> devices = new ConcurrentHashMap<>();
    private MqttServer server;

    private HostileHub() {
    }

    /** Listens on a free port of 127.0.0.1, with a certificate for {@code localhost} and 127.0.0.1. */
    public static HostileHub start() throws Exception {
        return start(List.of("127.0.0.1"));
    }

    /** The same with a certificate for {@code localhost} and these IP addresses only. */
    public static HostileHub start(List<String> certificateIpAddresses) throws Exception {
        HostileHub hub = new HostileHub();
        hub.listen(certificateIpAddresses);
        return hub;
    }

    private void listen(List<String> certificateIpAddresses) throws Exception {
        KeyManagerFactory keyManagers = ServerKeys.forLocalhost(authority, certificateIpAddresses);
        MqttServerOptions options = new MqttServerOptions().setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap((X509KeyManager) keyManagers.getKeyManagers()[0]))
                .setMaxMessageSize(MAX_MESSAGE_BYTES);
        server = MqttServer.create(vertx, options).endpointHandler(this::onConnect);
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    public int port() {
        return server.actualPort();
    }

    /** Trusts this hub's CA, for {@code sslContextParameters}. */
    public SSLContextParameters clientTls() {
        return Trust.trusting(authority.trustStore());
    }

    /** The device's state on this hub, made on first use. */
    public Device device(String deviceId) {
        return devices.computeIfAbsent(deviceId, id -> new Device());
    }

    private void onConnect(MqttEndpoint endpoint) {
        Device device = device(endpoint.clientIdentifier());
        device.attach(endpoint, Vertx.currentContext());
        endpoint.publishAutoAck(false);
        endpoint.subscribeHandler(subscribe -> {
            subscribe.topicSubscriptions().stream().map(MqttTopicSubscription::topicName).forEach(device.subscribed::add);
            endpoint.subscribeAcknowledge(subscribe.messageId(), subscribe.topicSubscriptions().stream()
                    .map(s -> s.qualityOfService() == MqttQoS.EXACTLY_ONCE ? MqttQoS.AT_LEAST_ONCE : s.qualityOfService())
                    .toList());
        });
        endpoint.publishHandler(message -> {
            if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                endpoint.publishAcknowledge(message.messageId());
            }
            Packet packet = new Packet(message.topicName(), message.payload().getBytes());
            device.published.add(packet);
            if (packet.topic().startsWith("$iothub/twin/")) {
                // already on the connection's event loop: publish without waiting
                device.twinResponder.apply(packet).forEach(answer -> endpoint.publish(answer.topic(),
                        Buffer.buffer(answer.payload()), MqttQoS.AT_MOST_ONCE, false, false));
            }
        });
        endpoint.publishAcknowledgeHandler(device.acknowledged::add);
        endpoint.accept(false);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** One device as the hub sees it: its connections, subscriptions, PUBACKs and PUBLISHes. */
    public static final class Device {

        private final AtomicInteger connections = new AtomicInteger();
        private final Set<String> subscribed = ConcurrentHashMap.newKeySet();
        private final Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        private final List<Packet> published = new CopyOnWriteArrayList<>();
        private volatile Function<Packet, List<Packet>> twinResponder = request -> List.of();
        private volatile MqttEndpoint endpoint;
        private volatile Context context;

        private void attach(MqttEndpoint endpoint, Context context) {
            this.endpoint = endpoint;
            this.context = context;
            connections.incrementAndGet();
        }

        /** How often the device connected. */
        public int connections() {
            return connections.get();
        }

        /** Answers each twin request the device sends with the packets the function returns, at QoS 0, in order. */
        public void answerTwinRequests(Function<Packet, List<Packet>> responder) {
            twinResponder = responder;
        }

        /** Waits until the device is connected and subscribed to the filter. */
        public void awaitSubscribed(String filter) {
            await().atMost(WAIT_SECONDS, TimeUnit.SECONDS).until(() -> subscribed.contains(filter));
        }

        /** Publishes to the device from a test thread; returns the packet id (0 at QoS 0) once written. */
        public int send(String topic, byte[] payload, int qos) {
            CompletableFuture<Integer> packetId = new CompletableFuture<>();
            context.runOnContext(v -> endpoint.publish(topic, Buffer.buffer(payload), MqttQoS.valueOf(qos), false, false)
                    .onComplete(done -> {
                        if (done.succeeded()) {
                            packetId.complete(done.result());
                        } else {
                            packetId.completeExceptionally(done.cause());
                        }
                    }));
            return packetId.join();
        }

        public int send(String topic, String payload, int qos) {
            return send(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
        }

        /** The packet ids of the QoS 1 messages the device acknowledged. */
        public Set<Integer> acknowledged() {
            return Set.copyOf(acknowledged);
        }

        /** What the device published, in order. */
        public List<Packet> published() {
            return List.copyOf(published);
        }
    }
}
