package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.net.SocketFactory;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Everything a session needs to connect. Holds no secrets in {@link #toString()}: the password comes from
 * {@link #passwordSource()} on each connect.
 *
 * @param hostName                the IoT Hub host name (identifies the hub; part of the session key)
 * @param serverUri               Paho server URI: {@code ssl://host:8883} or {@code wss://host:443/$iothub/websocket...}
 * @param identity                the device or module
 * @param username                the CONNECT user name
 * @param passwordSource          makes the password of each CONNECT
 * @param socketFactory           TLS socket factory (client certificate, trust), or {@code null} for the JVM default
 * @param keepAliveSeconds        MQTT keep-alive
 * @param connectTimeout          how long one connect attempt may take
 * @param reconnectBackoffMin     first reconnect delay
 * @param reconnectBackoffMax     largest reconnect delay
 * @param renewalMargin           how long before the SAS token expires the session reconnects with a fresh one
 * @param maxInflight             messages sent or queued but not yet acknowledged
 * @param failWhenInFlightFull    fail a send at once when the window is full instead of waiting
 * @param sendTimeout             how long a message may wait for room, a connection and its PUBACK
 * @param owner                   who owns the session (e.g. the CamelContext name), for log and kick messages
 */
public record SessionSettings(
        String hostName,
        String serverUri,
        Identity identity,
        String username,
        PasswordSource passwordSource,
        SocketFactory socketFactory,
        int keepAliveSeconds,
        Duration connectTimeout,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        Duration renewalMargin,
        int maxInflight,
        boolean failWhenInFlightFull,
        Duration sendTimeout,
        String owner) {

    public SessionSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(passwordSource, "passwordSource");
        if (maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight must be at least 1, was " + maxInflight);
        }
    }

    /**
     * The connection options in which {@code other} asks for something else than these settings, by option name;
     * credentials are not compared.
     */
    public List<String> differencesFrom(SessionSettings other) {
        List<String> differences = new ArrayList<>();
        addIfDifferent(differences, "transport or port", serverUri, other.serverUri);
        addIfDifferent(differences, "apiVersion, modelId or productInfo", username, other.username);
        addIfDifferent(differences, "sslContextParameters", socketFactory, other.socketFactory);
        addIfDifferent(differences, "keepAlive", keepAliveSeconds, other.keepAliveSeconds);
        addIfDifferent(differences, "connectTimeout", connectTimeout, other.connectTimeout);
        addIfDifferent(differences, "reconnectBackoffMin", reconnectBackoffMin, other.reconnectBackoffMin);
        addIfDifferent(differences, "reconnectBackoffMax", reconnectBackoffMax, other.reconnectBackoffMax);
        addIfDifferent(differences, "sasRenewalMargin", renewalMargin, other.renewalMargin);
        addIfDifferent(differences, "maxInflight", maxInflight, other.maxInflight);
        addIfDifferent(differences, "failWhenInFlightFull", failWhenInFlightFull, other.failWhenInFlightFull);
        addIfDifferent(differences, "sendTimeout", sendTimeout, other.sendTimeout);
        return differences;
    }

    private static void addIfDifferent(List<String> differences, String option, Object mine, Object theirs) {
        if (!Objects.equals(mine, theirs)) {
            differences.add(option);
        }
    }

    /** One session per hub and client id: IoT Hub keeps only one connection per identity. */
    public String key() {
        return hostName + "/" + identity.clientId();
    }
}
