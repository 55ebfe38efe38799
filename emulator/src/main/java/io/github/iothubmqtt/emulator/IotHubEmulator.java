package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.Provisioning;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * A local emulator of Azure IoT Hub's device endpoint: MQTT over TLS and over WebSocket, SAS and X.509
 * authentication, telemetry, C2D, twins and direct methods, with a service API in-process and over HTTP.
 *
 * <pre>{@code
 * try (IotHubEmulator hub = IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(0)
 *         .device("thermostat-1").start()) {
 *     String cs = hub.connectionString(Identity.device("thermostat-1"));
 * }
 * }</pre>
 */
public final class IotHubEmulator implements AutoCloseable {

    /** A port setting that switches the listener off. */
    public static final int OFF = -1;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final Hub hub;
    private final TlsMaterial tls;
    private final MqttListeners listeners;
    private final HttpApi httpApi;
    private final ServiceApi service;
    private final ProvisioningService provisioning;
    private final DpsListener dpsListener;
    private final int mqttPort;
    private final int webSocketPort;
    private final int httpPort;
    private final int dpsPort;

    private IotHubEmulator(Vertx vertx, Hub hub, TlsMaterial tls, MqttListeners listeners, HttpApi httpApi,
            DpsListener dpsListener, ProvisioningService provisioning, int[] ports) {
        this.vertx = vertx;
        this.hub = hub;
        this.tls = tls;
        this.listeners = listeners;
        this.httpApi = httpApi;
        this.service = new ServiceApi(hub);
        this.mqttPort = ports[0];
        this.webSocketPort = ports[1];
        this.httpPort = ports[2];
        this.dpsPort = ports[3];
        this.dpsListener = dpsListener;
        this.provisioning = provisioning;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound MQTT-over-TLS port, or -1 when that listener is off. */
    public int mqttPort() {
        return mqttPort;
    }

    public int webSocketPort() {
        return webSocketPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The bound DPS (MQTT over TLS) port, or -1 when that listener is off. */
    public int dpsPort() {
        return dpsPort;
    }

    /** The Device Provisioning Service: its ID scope, enrollments and faults. */
    public ProvisioningService provisioning() {
        return provisioning;
    }

    public String hubHostName() {
        return hub.settings().hubHostName();
    }

    /** The PEM file of the CA that signed the server certificate: what clients must trust. */
    public Path caCertificatePath() {
        return tls.trustPem();
    }

    public KeyStore trustStore() {
        return tls.trustStore();
    }

    /** A TLS 1.2 client context trusting the emulator, ready for a device client's SSLContext option. */
    public SSLContext clientSslContext() {
        return certificateAuthority().clientSslContext();
    }

    /** The generated CA, to issue device certificates for X.509 tests; fails when the user supplied the certificate. */
    public CertificateAuthority certificateAuthority() {
        if (tls.authority() == null) {
            throw new IllegalStateException("the server certificate was supplied by the user; no CA was generated");
        }
        return tls.authority();
    }

    public DeviceRegistry registry() {
        return hub.registry();
    }

    public ServiceApi service() {
        return service;
    }

    /**
     * The connection string a device should use: HostName is the hub, GatewayHostName the host the emulator is
     * reached at (left out when it is the hub host name itself), SharedAccessKey the primary key or {@code x509=true}.
     */
    public String connectionString(Identity identity) {
        RegisteredIdentity entry = registry().get(identity);
        HubSettings settings = hub.settings();
        ConnectionString.Builder builder = ConnectionString.builder()
                .hostName(settings.hubHostName())
                .identity(identity);
        if (entry.isX509()) {
            builder.x509(true);
        } else {
            builder.sharedAccessKey(entry.primaryKey());
        }
        if (!settings.gatewayHostName().equalsIgnoreCase(settings.hubHostName())) {
            builder.gatewayHostName(settings.gatewayHostName());
        }
        return builder.build().format();
    }

    @Override
    public void close() {
        try {
            hub.thread().submit(() -> Future.join(listeners.close(), httpApi.close(), dpsListener.close()))
                    .thenCompose(closing -> closing.toCompletionStage())
                    .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // closing anyway: Vert.x closes what is left
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }

    /** Settings and initial registry of an emulator; {@link #start()} returns once every listener is bound. */
    public static final class Builder {

        private String hubHostName = "emulator.azure-devices.net";
        private String gatewayHostName = "localhost";
        private String bindHost = "0.0.0.0";
        private String httpBindHost = "127.0.0.1";
        private int mqttPort = 8883;
        private int webSocketPort = 443;
        private int httpPort = 8080;
        private int dpsPort = OFF;
        private String dpsBindHost;
        private String idScope = ProvisioningService.DEFAULT_ID_SCOPE;
        private final Enrollments enrollments = new Enrollments();
        private final List<Path> enrollmentFiles = new ArrayList<>();
        private Duration c2dLockTimeout = Duration.ofMinutes(1);
        private int c2dMaxDeliveryCount = 10;
        private Duration c2dTimeToLive = Duration.ofHours(1);
        private int telemetryCapacity = 10_000;
        private Path caOut;
        private Path serverCertificateChain;
        private Path serverPrivateKey;
        private final List<Consumer<DeviceRegistry>> registrations = new ArrayList<>();
        private Path edgeRoutesFile;
        private final Map<String, String> edgeRoutes = new LinkedHashMap<>();

        private Builder() {
        }

        /** Host name in connection strings, user names and SAS audiences (default emulator.azure-devices.net). */
        public Builder hubHostName(String hubHostName) {
            this.hubHostName = hubHostName;
            return this;
        }

        /** Host devices reach the emulator at, GatewayHostName in connection strings (default localhost). */
        public Builder gatewayHostName(String gatewayHostName) {
            this.gatewayHostName = gatewayHostName;
            return this;
        }

        /** Interface the MQTT and WebSocket listeners listen on (default all: they authenticate every device). */
        public Builder bindHost(String bindHost) {
            this.bindHost = bindHost;
            return this;
        }

        /**
         * Interface the HTTP API listens on (default 127.0.0.1: it has no authentication, so like Azurite it stays
         * on loopback unless asked). Its Host and Origin checks accept this host besides localhost.
         */
        public Builder httpBindHost(String httpBindHost) {
            this.httpBindHost = httpBindHost;
            return this;
        }

        /** MQTT over TLS port (default 8883; 0 = any free port; -1 = off). */
        public Builder mqttPort(int port) {
            this.mqttPort = port;
            return this;
        }

        /** MQTT over WebSocket port (default 443; 0 = any free port; -1 = off). */
        public Builder webSocketPort(int port) {
            this.webSocketPort = port;
            return this;
        }

        /** HTTP service API port (default 8080; 0 = any free port; -1 = off). */
        public Builder httpPort(int port) {
            this.httpPort = port;
            return this;
        }

        /** The Device Provisioning Service's MQTT over TLS port (default -1 = off; 0 = any free port). */
        public Builder dpsPort(int port) {
            this.dpsPort = port;
            return this;
        }

        /** Interface the DPS listener listens on (default: as {@link #bindHost}). */
        public Builder dpsBindHost(String host) {
            this.dpsBindHost = host;
            return this;
        }

        /** The DPS ID scope devices register in (default 0ne00000000). */
        public Builder idScope(String scope) {
            Provisioning.resourceUri(scope, "check");
            this.idScope = scope;
            return this;
        }

        /** Adds a DPS enrollment (individual or group). */
        public Builder enrollment(Enrollment enrollment) {
            enrollments.add(enrollment);
            return this;
        }

        /** Adds the enrollments of a JSON file (see {@link EnrollmentsFile}). */
        public Builder enrollmentsFile(Path file) {
            enrollmentFiles.add(file);
            return this;
        }

        /** How long a delivered C2D message waits for its PUBACK before redelivery (hub default 1 minute). */
        public Builder c2dLockTimeout(Duration timeout) {
            this.c2dLockTimeout = timeout;
            return this;
        }

        /** Deliveries before an uncompleted C2D message is dead-lettered (hub default 10). */
        public Builder c2dMaxDeliveryCount(int count) {
            this.c2dMaxDeliveryCount = count;
            return this;
        }

        /** Default time-to-live of C2D messages (hub default 1 hour). */
        public Builder c2dTimeToLive(Duration ttl) {
            this.c2dTimeToLive = ttl;
            return this;
        }

        /** Telemetry messages kept for reading back (oldest dropped first). */
        public Builder telemetryCapacity(int capacity) {
            this.telemetryCapacity = capacity;
            return this;
        }

        /** Where to write the CA certificate PEM (default: a new temporary file). */
        public Builder caCertificateOut(Path file) {
            this.caOut = file;
            return this;
        }

        /** Use this server certificate chain and key (PEM files) instead of generating a CA. */
        public Builder serverCertificate(Path certificateChainPem, Path privateKeyPem) {
            this.serverCertificateChain = certificateChainPem;
            this.serverPrivateKey = privateKeyPem;
            return this;
        }

        /** Registers a device with generated keys. */
        public Builder device(String deviceId) {
            registrations.add(registry -> registry.addDevice(deviceId));
            return this;
        }

        /** Registers a module (its device must be registered before) with generated keys. */
        public Builder module(String deviceId, String moduleId) {
            registrations.add(registry -> registry.addModule(deviceId, moduleId));
            return this;
        }

        public Builder identity(RegisteredIdentity identity) {
            registrations.add(registry -> registry.add(identity));
            return this;
        }

        /** Registers the identities of a JSON registry file (see {@link RegistryFile}). */
        public Builder devicesFile(Path file) {
            registrations.add(registry -> RegistryFile.load(file, registry));
            return this;
        }

        /**
         * Edge mode: the emulator acts as an edgeHub and routes every message by the routes of this JSON file, shaped
         * like the {@code $edgeHub} module twin's desired properties ({@code {"routes": {"name": "FROM … INTO …"}}})
         * or a whole deployment manifest. See docs/emulator.md.
         */
        public Builder edgeRoutes(Path file) {
            this.edgeRoutesFile = file;
            return this;
        }

        /** Edge mode with one more route, such as {@code FROM /messages/* INTO $upstream}. */
        public Builder edgeRoute(String name, String route) {
            EdgeRoute.parse(name, route);
            edgeRoutes.put(name, route);
            return this;
        }

        private EdgeRoutes edgeRoutes() {
            if (edgeRoutesFile == null && edgeRoutes.isEmpty()) {
                return null;
            }
            EdgeRoutes fromFile = edgeRoutesFile == null ? null : EdgeRoutes.load(edgeRoutesFile);
            EdgeRoutes added = EdgeRoutes.of(edgeRoutes);
            if (fromFile == null) {
                return added;
            }
            List<EdgeRoute> all = new ArrayList<>(fromFile.routes());
            all.addAll(added.routes());
            return new EdgeRoutes(all, fromFile.timeToLive());
        }

        public IotHubEmulator start() {
            HubSettings settings = new HubSettings(hubHostName, gatewayHostName, c2dLockTimeout, c2dMaxDeliveryCount,
                    c2dTimeToLive, telemetryCapacity);
            DeviceRegistry registry = new DeviceRegistry();
            registrations.forEach(registration -> registration.accept(registry));
            enrollmentFiles.forEach(file -> EnrollmentsFile.load(file).forEach(enrollments::add));
            EdgeRoutes edge = edgeRoutes();
            TlsMaterial tls = serverCertificateChain != null
                    ? TlsMaterial.fromFiles(serverCertificateChain, serverPrivateKey)
                    : TlsMaterial.generate(caOut != null ? caOut : temporaryCaFile());
            Vertx vertx = Vertx.vertx();
            try {
                HubThread thread = new HubThread(vertx);
                Hub hub = new Hub(settings, thread, registry, edge);
                MqttListeners listeners = new MqttListeners(hub, tls);
                HttpApi httpApi = new HttpApi(hub);
                ProvisioningService provisioning = new ProvisioningService(idScope, enrollments, hub);
                DpsListener dps = new DpsListener(provisioning, thread, tls);
                int[] ports = thread.submit(() -> Future.all(
                        port(mqttPort, () -> listeners.listenTls(bindHost, mqttPort)),
                        port(webSocketPort, () -> listeners.listenWebSocket(bindHost, webSocketPort)),
                        port(httpPort, () -> httpApi.listen(httpBindHost, httpPort)),
                        port(dpsPort, () -> dps.listen(dpsBindHost != null ? dpsBindHost : bindHost, dpsPort))))
                        .thenCompose(all -> all.toCompletionStage())
                        .thenApply(all -> new int[] {all.<Integer>resultAt(0), all.<Integer>resultAt(1),
                                all.<Integer>resultAt(2), all.<Integer>resultAt(3)})
                        .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                return new IotHubEmulator(vertx, hub, tls, listeners, httpApi, dps, provisioning, ports);
            } catch (ExecutionException e) {
                vertx.close();
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new IllegalStateException("the emulator did not start", e.getCause());
            } catch (InterruptedException | TimeoutException e) {
                vertx.close();
                throw new IllegalStateException("the emulator did not start within " + START_TIMEOUT, e);
            } catch (RuntimeException e) {
                vertx.close();
                throw e;
            }
        }

        private static Future<Integer> port(int port, Supplier<Future<Integer>> listen) {
            return port == OFF ? Future.succeededFuture(OFF) : listen.get();
        }

        private static Path temporaryCaFile() {
            try {
                Path file = Files.createTempFile("iothub-emulator-ca-", ".pem");
                file.toFile().deleteOnExit();
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
