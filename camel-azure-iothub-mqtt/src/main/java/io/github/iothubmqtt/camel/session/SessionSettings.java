package io.github.iothubmqtt.camel.session;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Everything a session needs to connect. All endpoints of one identity share its session, so these are settings of
 * the connection, not of an endpoint. Holds no secrets in {@link #toString()}: the password comes from
 * {@link #passwordSource()} on each connect.
 *
 * @param hostName                the IoT Hub host name (identifies the hub; part of the session key)
 * @param serverUri               Paho server URI: {@code ssl://host:8883} or {@code wss://host:443/$iothub/websocket...}
 * @param identity                the device or module
 * @param username                the CONNECT user name
 * @param passwordSource          makes the password of each CONNECT
 * @param socketFactory           TLS socket factory (client certificate, trust; the JVM's default when none is set)
 * @param keepAliveSeconds        MQTT keep-alive
 * @param connectTimeout          how long one connect attempt may take
 * @param reconnectBackoffMin     first reconnect delay
 * @param reconnectBackoffMax     largest reconnect delay
 * @param renewalMargin           how long before the SAS token expires the session reconnects with a fresh one
 * @param maxInflight             messages sent or queued but not yet acknowledged
 * @param failWhenInFlightFull    fail a send at once when the window is full instead of waiting
 * @param sendTimeout             how long a message may wait for room, a connection and its PUBACK
 * @param ackTimeout              how long a PUBACK may take, with nothing else heard from the hub, before the
 *                                connection is probed ({@link LivenessRule})
 * @param unknownMethodStatus     the status answered at once for a direct method no handler serves
 * @param outbox                  how telemetry waits for the hub
 * @param owner                   who owns the session (e.g. the CamelContext name), for log and kick messages
 * @param provisioner             registers with DPS first, or {@code null}: then the fields above name a placeholder,
 *                                and each connect uses {@link Provisioner#hubSettings()}
 * @param proxy                   the HTTP proxy to connect through, or {@code null} to connect directly; its password
 *                                does not show in {@link #toString()}
 */
public record SessionSettings(
        String hostName,
        String serverUri,
        Identity identity,
        String username,
        PasswordSource passwordSource,
        SSLSocketFactory socketFactory,
        int keepAliveSeconds,
        Duration connectTimeout,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        Duration renewalMargin,
        int maxInflight,
        boolean failWhenInFlightFull,
        Duration sendTimeout,
        Duration ackTimeout,
        int unknownMethodStatus,
        OutboxSettings outbox,
        String owner,
        Provisioner provisioner,
        ProxySettings proxy) {

    public SessionSettings {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(passwordSource, "passwordSource");
        Objects.requireNonNull(socketFactory, "socketFactory");
        Objects.requireNonNull(outbox, "outbox");
        if (maxInflight < 1) {
            throw new IllegalArgumentException("maxInflight must be at least 1, was " + maxInflight);
        }
        if (ackTimeout == null || ackTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("ackTimeout must be at least 100 ms, was " + DurationText.of(ackTimeout));
        }
    }

    /** The settings a connect uses: these, or those of the DPS assignment. */
    SessionSettings connectTarget() {
        return provisioner == null ? this : provisioner.hubSettings();
    }

    /** One session per hub and client id: IoT Hub keeps only one connection per identity. */
    public String key() {
        return hostName + "/" + identity.clientId();
    }
}
