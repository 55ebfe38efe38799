package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.Provisioning;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttTopicSubscription;
import io.vertx.mqtt.messages.MqttPublishMessage;
import io.vertx.mqtt.messages.MqttSubscribeMessage;

/**
 * One device's MQTT connection to the DPS endpoint. CONNECT is refused only when it is not a registration at all
 * (client id and user name disagree, another ID scope); credentials are judged per request and answered with 401 or
 * 404, as DPS answers them. Only {@code $dps/registrations/res/#} may be subscribed (QoS 2 granted as 1), only the
 * register and poll topics published to; anything else closes the connection. Hub thread only.
 */
final class DpsConnection {

    private static final Logger LOG = LoggerFactory.getLogger(DpsConnection.class);
    /**
     * How long an answer takes, as the service's round trip does. Microsoft's Java SDK (2.1.3) starts waiting for an
     * answer only after it published its request, and misses one that comes before.
     */
    static final Duration ANSWER_DELAY = Duration.ofMillis(50);

    private final ProvisioningService service;
    private final Vertx vertx;
    private final MqttEndpoint endpoint;
    private final X509Certificate certificate;
    private final String registrationId;
    private final String token;
    private MqttQoS answerQos = MqttQoS.AT_MOST_ONCE;

    private DpsConnection(ProvisioningService service, Vertx vertx, MqttEndpoint endpoint, X509Certificate certificate,
            String token) {
        this.service = service;
        this.vertx = vertx;
        this.endpoint = endpoint;
        this.certificate = certificate;
        this.registrationId = endpoint.clientIdentifier();
        this.token = token;
    }

    /** A new connection sent CONNECT: accepts or refuses it. */
    static void connect(ProvisioningService service, Vertx vertx, MqttEndpoint endpoint, X509Certificate certificate) {
        String refusal = refusal(service, endpoint);
        if (refusal != null) {
            LOG.info("DPS: CONNECT of {} refused: {}", ClientText.quote(endpoint.clientIdentifier()), refusal);
            endpoint.reject(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
            return;
        }
        new DpsConnection(service, vertx, endpoint, certificate,
                endpoint.auth() == null ? null : endpoint.auth().getPassword()).start();
    }

    /** Why a CONNECT is no registration of this service's scope, or null. */
    private static String refusal(ProvisioningService service, MqttEndpoint endpoint) {
        // Vert.x hands over the user name only with a password: an X.509 CONNECT has neither, its client id is all
        if (endpoint.auth() == null) {
            return endpoint.clientIdentifier() == null || endpoint.clientIdentifier().isEmpty()
                    ? "no client id: it must be the registration id"
                    : null;
        }
        Provisioning.Registration registration;
        try {
            registration = Provisioning.parseUsername(endpoint.auth().getUsername());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        if (!registration.idScope().equalsIgnoreCase(service.idScope())) {
            return "ID scope '" + registration.idScope() + "' is not this service's '" + service.idScope() + "'";
        }
        if (!registration.registrationId().equals(endpoint.clientIdentifier())) {
            return "the user name registers '" + registration.registrationId() + "' but the client id is "
                    + ClientText.quote(endpoint.clientIdentifier());
        }
        return null;
    }

    private void start() {
        endpoint.publishHandler(this::onPublish);
        endpoint.subscribeHandler(this::onSubscribe);
        endpoint.unsubscribeHandler(message -> endpoint.unsubscribeAcknowledge(message.messageId()));
        endpoint.pingHandler(v -> {
        });
        endpoint.exceptionHandler(e -> LOG.debug("DPS: '{}': connection error: {}", registrationId, e.toString()));
        endpoint.accept(false);
        LOG.info("DPS: '{}' connected ({})", registrationId,
                token != null ? "sas" : certificate != null ? "x509" : "no credentials");
    }

    private void onSubscribe(MqttSubscribeMessage message) {
        List<MqttQoS> granted = new ArrayList<>();
        for (MqttTopicSubscription subscription : message.topicSubscriptions()) {
            if (!Provisioning.RESPONSE_FILTER.equals(subscription.topicName())) {
                close("SUBSCRIBE to " + ClientText.quote(subscription.topicName()) + ", a filter DPS does not document");
                return;
            }
            answerQos = subscription.qualityOfService() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
            granted.add(answerQos);
        }
        endpoint.subscribeAcknowledge(message.messageId(), granted);
    }

    private void onPublish(MqttPublishMessage message) {
        if (message.qosLevel() == MqttQoS.EXACTLY_ONCE) {
            close("QoS 2 PUBLISH: DPS supports QoS 0 and 1 only");
            return;
        }
        Provisioning.Request request;
        try {
            request = Provisioning.parseRequest(message.topicName());
        } catch (IllegalArgumentException e) {
            close(e.getMessage());
            return;
        }
        if (message.qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            endpoint.publishAcknowledge(message.messageId());
        }
        ProvisioningService.Answer answer = request.isPoll()
                ? service.poll(request.operationId())
                : service.register(registrationId, token, certificate, message.payload().getBytes());
        String topic = Provisioning.responseTopic(answer.status(), request.rid(), answer.retryAfterSeconds());
        vertx.setTimer(ANSWER_DELAY.toMillis(), timer -> { // on this connection's context, as the handlers run
            if (endpoint.isConnected()) {
                endpoint.publish(topic, Buffer.buffer(answer.body()), answerQos, false, false);
            }
        });
    }

    private void close(String reason) {
        LOG.info("DPS: '{}': connection closed: {}", registrationId, reason);
        endpoint.close();
    }
}
