package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.camel.session.OutboxSettings;
import io.github.iothubmqtt.camel.session.PasswordSource;
import io.github.iothubmqtt.camel.session.PasswordSources;
import io.github.iothubmqtt.camel.session.PresetTlsParameters;
import io.github.iothubmqtt.camel.session.Provisioner;
import io.github.iothubmqtt.camel.session.ProxySettings;
import io.github.iothubmqtt.camel.session.SessionSettings;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Username;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/** Turns endpoint options into session settings, checking them so a bad option fails when the endpoint is created. */
final class SessionSettingsFactory {

    private static final int MQTT_TLS_PORT = 8883;
    private static final int WEBSOCKET_TLS_PORT = 443;
    private static final String WEBSOCKET_PATH = "/$iothub/websocket";
    private static final String NO_CLIENT_CERT_QUERY = "?iothub-no-client-cert=true";
    private static final String CLIENT_NAME = "camel-iothub-mqtt";

    private SessionSettingsFactory() {
    }

    /**
     * @param globalTls       Camel's global TLS settings when the component uses them, else null
     * @param socketFactories makes (or reuses) the TLS socket factory of a TLS source: building an SSLContext is
     *                        costly, and hundreds of devices often share one
     */
    static SessionSettings create(IotHubMqttConfiguration config, CamelContext context, SSLContextParameters globalTls,
            Function<TlsSource, SSLSocketFactory> socketFactories) {
        checkOptions(config);
        TlsSource tls = TlsSource.of(config, globalTls);
        SSLSocketFactory socketFactory = socketFactories.apply(tls);
        if (config.getIdScope() != null) {
            return ProvisionedSettingsFactory.create(config, context, tls, socketFactory);
        }
        String connectionString = PipeEncoding.connectionString(config.getConnectionString(), context);
        ConnectionString parsed = connectionString == null ? null : ConnectionString.parse(connectionString);
        String hostName = pick(config.getHostName(), parsed == null ? null : parsed.hostName(), "hostName");
        String deviceId = pick(config.getDeviceId(), parsed == null ? null : parsed.deviceId(), "deviceId");
        String moduleId = config.getModuleId() != null ? config.getModuleId() : parsed == null ? null : parsed.moduleId();
        Identity identity = moduleId == null ? Identity.device(deviceId) : Identity.module(deviceId, moduleId);
        String gateway = config.getGatewayHostName() != null
                ? config.getGatewayHostName()
                : parsed == null ? null : parsed.gatewayHostName();
        String key = config.getSharedAccessKey() != null
                ? config.getSharedAccessKey()
                : parsed == null ? null : parsed.sharedAccessKey();
        String token = config.getSasToken() != null
                ? config.getSasToken()
                : parsed == null ? null : parsed.sharedAccessSignature();
        return hub(config, context, tls, socketFactory, new Target(hostName, identity, gateway, key, token), null);
    }

    /** The hub, identity and credentials a session connects with. */
    record Target(String hostName, Identity identity, String gatewayHostName, String key, String token) {
    }

    /** Settings for a hub and identity; with a provisioner they are a placeholder until DPS assigned the hub. */
    static SessionSettings hub(IotHubMqttConfiguration config, CamelContext context, TlsSource tls,
            SSLSocketFactory socketFactory, Target target, Provisioner provisioner) {
        String hostName = target.hostName();
        Identity identity = target.identity();
        String key = target.key();
        String token = target.token();
        boolean x509 = key == null && token == null;
        if (x509 && !tls.hasClientCertificate()) {
            throw new IllegalArgumentException("no credentials for " + identity + ": set sharedAccessKey, sasToken or a"
                    + " connection string with one of them, or an X.509 client certificate (clientCertificate, or a key"
                    + " store in sslContextParameters)");
        }
        PasswordSource passwords = key != null
                ? PasswordSources.signedWithKey(SasToken.resourceUri(hostName, identity), key,
                        Duration.ofMillis(config.getSasTokenTtl()))
                : token != null ? PasswordSources.fixedToken(token) : PasswordSources.x509();
        String connectHost = target.gatewayHostName() != null ? target.gatewayHostName() : hostName;
        return new SessionSettings(
                hostName,
                serverUri(config, connectHost, x509),
                identity,
                Username.build(hostName, identity, config.getApiVersion(), deviceClientType(config, context),
                        config.getModelId()),
                passwords,
                socketFactory,
                config.getKeepAlive(),
                Duration.ofMillis(config.getConnectTimeout()),
                Duration.ofMillis(config.getReconnectBackoffMin()),
                Duration.ofMillis(config.getReconnectBackoffMax()),
                Duration.ofMillis(config.getSasRenewalMargin()),
                config.getMaxInflight(),
                config.isFailWhenInFlightFull(),
                Duration.ofMillis(config.getSendTimeout()),
                Duration.ofMillis(config.getAckTimeout()),
                config.getUnknownMethodStatus(),
                outbox(config),
                "CamelContext " + context.getName(),
                provisioner,
                proxy(config));
    }

    /** The HTTP proxy of the options, or {@code null} when proxyHost is not set. */
    static ProxySettings proxy(IotHubMqttConnectionConfiguration config) {
        if (config.getProxyHost() == null) {
            if (config.getProxyPort() != 0 || config.getProxyUsername() != null || config.getProxyPassword() != null) {
                throw new IllegalArgumentException("proxyPort, proxyUsername and proxyPassword need proxyHost");
            }
            return null;
        }
        if (config.getProxyPort() == 0) {
            throw new IllegalArgumentException("proxyHost=" + config.getProxyHost() + " needs proxyPort");
        }
        try {
            return new ProxySettings(config.getProxyHost(), config.getProxyPort(), config.getProxyUsername(),
                    config.getProxyPassword());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the proxy options are wrong: " + e.getMessage(), e);
        }
    }

    private static void checkOptions(IotHubMqttConfiguration config) {
        if (config.getQos() == 2) {
            throw new IllegalArgumentException("qos=2 is not supported: IoT Hub closes the connection when a device"
                    + " publishes with QoS 2; use qos=1 (acknowledged) or qos=0");
        }
        if (config.getQos() == 0 && !IotHubMqttConnectionConfiguration.OUTBOX_NONE.equals(config.getOutbox())) {
            throw new IllegalArgumentException("qos=0 cannot go with outbox=" + config.getOutbox() + ": the outbox keeps a"
                    + " message until the hub acknowledges it, which only qos=1 asks for");
        }
        if (config.getQos() != 0 && config.getQos() != 1) {
            throw new IllegalArgumentException("qos=" + config.getQos() + " is not an MQTT QoS IoT Hub accepts; use 0 or 1");
        }
        if (config.getKeepAlive() < 1 || config.getKeepAlive() > HubLimits.MAX_KEEP_ALIVE_SECONDS) {
            throw new IllegalArgumentException("keepAlive=" + config.getKeepAlive() + " is out of range: use 1 to "
                    + HubLimits.MAX_KEEP_ALIVE_SECONDS + " seconds (the hub caps its idle timeout at "
                    + HubLimits.KEEP_ALIVE_CAP_SECONDS + " s = 1.5 x keep-alive)");
        }
        if (!IotHubMqttConnectionConfiguration.TRANSPORT_MQTT.equals(config.getTransport())
                && !IotHubMqttConnectionConfiguration.TRANSPORT_MQTT_WS.equals(config.getTransport())) {
            throw new IllegalArgumentException("transport=" + config.getTransport() + " is unknown: use mqtt or mqtt-ws");
        }
        if (config.getMaxInflight() < 1) {
            throw new IllegalArgumentException("maxInflight must be at least 1, was " + config.getMaxInflight());
        }
        if (config.getSasTokenTtl() < 1_000) {
            throw new IllegalArgumentException(
                    "sasTokenTtl must be at least one second, was " + config.getSasTokenTtl() + " ms");
        }
    }

    private static OutboxSettings outbox(IotHubMqttConnectionConfiguration config) {
        OutboxSettings.Kind kind = switch (config.getOutbox()) {
            case IotHubMqttConnectionConfiguration.OUTBOX_NONE -> OutboxSettings.Kind.NONE;
            case IotHubMqttConnectionConfiguration.OUTBOX_MEMORY -> OutboxSettings.Kind.MEMORY;
            case IotHubMqttConnectionConfiguration.OUTBOX_DISK -> OutboxSettings.Kind.DISK;
            default ->
                throw new IllegalArgumentException("outbox=" + config.getOutbox() + " is unknown: use none, memory or disk");
        };
        if (kind == OutboxSettings.Kind.NONE) {
            return OutboxSettings.NONE;
        }
        OutboxSettings.FullPolicy fullPolicy = switch (config.getOutboxFullPolicy()) {
            case IotHubMqttConnectionConfiguration.FULL_WAIT -> OutboxSettings.FullPolicy.WAIT;
            case IotHubMqttConnectionConfiguration.FULL_FAIL -> OutboxSettings.FullPolicy.FAIL;
            case IotHubMqttConnectionConfiguration.FULL_DROP_OLDEST -> OutboxSettings.FullPolicy.DROP_OLDEST;
            default -> throw new IllegalArgumentException("outboxFullPolicy=" + config.getOutboxFullPolicy()
                    + " is unknown: use wait, fail or dropOldest");
        };
        Path directory = config.getOutboxDirectory() == null ? null : Path.of(config.getOutboxDirectory());
        return new OutboxSettings(kind, directory, config.getOutboxMaxBytes(), Duration.ofMillis(config.getOutboxTtl()),
                fullPolicy);
    }

    private static String pick(String explicit, String fromConnectionString, String option) {
        String value = explicit != null ? explicit : fromConnectionString;
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(option + " is missing: set it or a connectionString");
        }
        return value;
    }

    private static String serverUri(IotHubMqttConfiguration config, String host, boolean x509) {
        boolean webSocket = IotHubMqttConnectionConfiguration.TRANSPORT_MQTT_WS.equals(config.getTransport());
        int port = config.getPort() > 0 ? config.getPort() : webSocket ? WEBSOCKET_TLS_PORT : MQTT_TLS_PORT;
        return webSocket
                ? "wss://" + host + ":" + port + WEBSOCKET_PATH + (x509 ? "" : NO_CLIENT_CERT_QUERY)
                : "ssl://" + host + ":" + port;
    }

    /**
     * The TLS socket factory of Camel's TLS settings. Camel's own factory filters cipher suites and protocols with
     * regular expressions on every socket; the filtered settings are worked out once instead.
     */
    static SSLSocketFactory socketFactory(SSLContextParameters parameters, CamelContext context) {
        try {
            SSLSocketFactory factory = parameters.createSSLContext(context).getSocketFactory();
            SSLSocketFactory plain = CamelSocketFactories.plainUnder(factory);
            return plain == null ? factory : PresetTlsParameters.sampled(plain, factory);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("sslContextParameters cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    private static String deviceClientType(IotHubMqttConfiguration config, CamelContext context) {
        String version = SessionSettingsFactory.class.getPackage().getImplementationVersion();
        String client = CLIENT_NAME + "/" + (version == null ? "dev" : version) + " (Camel " + context.getVersion()
                + "; Java " + System.getProperty("java.version") + ")";
        return config.getProductInfo() == null ? client : client + " " + config.getProductInfo();
    }
}
