package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.Provisioning;
import io.github.iothubmqtt.protocol.ProvisioningMessages;

/**
 * One registration with DPS over MQTT: connect, register, poll the operation while it answers 202 (waiting its
 * {@code retry-after}), and return the assignment. A 429 is waited out and the request sent again; any other status
 * of 300 or more fails with the service's status and error code. Blocking, bounded by the settings' timeout.
 */
final class ProvisioningClient {

    private static final Logger LOG = LoggerFactory.getLogger(ProvisioningClient.class);
    /** When the service names no {@code retry-after}: the wait Microsoft's SDKs use. */
    private static final int DEFAULT_RETRY_AFTER_SECONDS = 2;
    private static final int THROTTLED = 429;

    private record Answer(Provisioning.Response response, byte[] body) {
    }

    private ProvisioningClient() {
    }

    static Assignment register(ProvisioningSettings settings) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        String what = "DPS registration of '" + settings.registrationId() + "' in ID scope " + settings.idScope();
        BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
        MqttClient client;
        try {
            client = new MqttClient("ssl://" + settings.host() + ":" + settings.port(), settings.registrationId(),
                    new MemoryPersistence());
        } catch (MqttException e) {
            throw new ProvisioningException(what + " cannot start: " + e.getMessage(), e);
        }
        try {
            client.setTimeToWait(settings.timeout().toMillis());
            client.connect(options(settings));
            client.subscribe(Provisioning.RESPONSE_FILTER, 1,
                    (topic, message) -> answers.add(new Answer(Provisioning.parseResponse(topic), message.getPayload())));
            return run(client, settings, answers, deadline, what);
        } catch (MqttException e) {
            throw new ProvisioningException(what + " failed: " + PahoErrors.describe(e), e);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(what + ": DPS answered what is no DPS answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(what + " was interrupted", e);
        } finally {
            close(client);
        }
    }

    private static Assignment run(MqttClient client, ProvisioningSettings settings, BlockingQueue<Answer> answers,
            long deadline, String what) throws MqttException, InterruptedException {
        byte[] registration = ProvisioningMessages.request(settings.registrationId(), settings.allocationData(),
                settings.modelId());
        String operationId = null;
        for (int rid = 1;; rid++) {
            String topic = operationId == null
                    ? Provisioning.registerTopic(Integer.toString(rid))
                    : Provisioning.pollTopic(Integer.toString(rid), operationId);
            client.publish(topic, new MqttMessage(operationId == null ? registration : new byte[0]));
            Answer answer = await(answers, Integer.toString(rid), deadline, what);
            int status = answer.response().status();
            ProvisioningMessages.Operation operation = ProvisioningMessages.parseOperation(answer.body());
            if (status == 200 && operation.isAssigned()) {
                LOG.info("{}: assigned to hub {} as device '{}'", what, operation.assignedHub(), operation.deviceId());
                return new Assignment(operation.assignedHub(), operation.deviceId());
            }
            if (status >= 300 && status != THROTTLED || status == 200) {
                throw refused(what, status, operation);
            }
            if (operation.operationId() != null) {
                operationId = operation.operationId();
            }
            Integer retryAfter = answer.response().retryAfterSeconds();
            sleep(Duration.ofSeconds(retryAfter != null ? retryAfter : DEFAULT_RETRY_AFTER_SECONDS), deadline, what);
        }
    }

    private static ProvisioningException refused(String what, int status, ProvisioningMessages.Operation operation) {
        long errorCode = operation.errorCode() == null ? 0 : operation.errorCode();
        String detail = operation.message() != null ? operation.message() : "registration status '" + operation.status() + "'";
        return new ProvisioningException(what + " refused: DPS status " + status
                + (errorCode == 0 ? "" : ", error code " + errorCode) + ": " + detail, status, errorCode);
    }

    private static Answer await(BlockingQueue<Answer> answers, String rid, long deadline, String what)
            throws InterruptedException {
        while (true) {
            Answer answer = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (answer == null) {
                throw new ProvisioningException(what + ": no answer within the timeout", 0, 0);
            }
            if (rid.equals(answer.response().rid())) {
                return answer;
            }
        }
    }

    private static void sleep(Duration wait, long deadline, String what) throws InterruptedException {
        if (System.nanoTime() + wait.toNanos() > deadline) {
            throw new ProvisioningException(what + ": DPS asks to wait " + wait.toSeconds()
                    + " s more, past the timeout", 0, 0);
        }
        Thread.sleep(wait.toMillis());
    }

    private static MqttConnectOptions options(ProvisioningSettings settings) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true); // DPS keeps no session state
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, settings.timeout().toSeconds()));
        SSLSocketFactory tls = settings.socketFactory();
        // through the hub connection's proxy, when one is set: DPS is behind the same firewall
        options.setSocketFactory(settings.proxy() == null ? tls : new AbortableSocketFactory(tls, settings.proxy()));
        options.setUserName(
                Provisioning.username(settings.idScope(), settings.registrationId(), Provisioning.DEFAULT_API_VERSION));
        if (settings.deviceKey() != null) {
            long expiry = Instant.now().plus(settings.timeout()).plusSeconds(60).getEpochSecond();
            options.setPassword(Provisioning.token(settings.idScope(), settings.registrationId(), settings.deviceKey(), expiry)
                    .toCharArray());
        }
        return options;
    }

    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(0);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.trace("Closing the DPS client of {}: {}", client.getClientId(), e.getMessage());
        }
    }
}
