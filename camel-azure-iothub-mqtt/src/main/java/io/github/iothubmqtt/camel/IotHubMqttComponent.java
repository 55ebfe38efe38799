package io.github.iothubmqtt.camel;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import javax.net.ssl.SSLSocketFactory;

import io.github.iothubmqtt.camel.session.ClientLoops;
import io.github.iothubmqtt.camel.session.ConnectPacer;
import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.DeviceSessionRegistry;
import io.github.iothubmqtt.camel.session.NegotiatedTlsVersions;
import io.github.iothubmqtt.camel.session.RenewalPlanner;
import io.github.iothubmqtt.camel.session.SessionExecutors;
import io.github.iothubmqtt.camel.session.SessionSettings;
import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.cluster.ClusterServiceHelper;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes as Azure IoT Hub devices over MQTT. Owns the device sessions of its CamelContext: one connection per
 * identity, shared by all endpoints of that identity, with a readiness health check each.
 */
@Component("iothub-mqtt")
public class IotHubMqttComponent extends DefaultComponent implements SSLContextParametersAware {

    @Metadata
    private IotHubMqttConfiguration configuration = new IotHubMqttConfiguration();
    @Metadata(label = "advanced", defaultValue = "100", description = "At most this many connects start per second, over"
            + " all identities of the component: first connects, reconnects and SAS renewals, evenly spaced, so that a"
            + " fleet coming back after an outage does not storm the hub (IoT Hub throttles new connections per unit)."
            + " 0 for no limit.")
    private int connectRate = 100;
    @Metadata(label = "advanced", defaultValue = "50", description = "At most this many connects are in progress at once,"
            + " over all identities of the component. 0 for no limit.")
    private int connectConcurrency = 50;
    @Metadata(label = "advanced", defaultValue = "auto", enums = "auto,platform", description = "Where each connection's"
            + " MQTT loops run. auto: on virtual threads where the JVM has them (Java 21 and later), so an identity costs"
            + " no platform thread while it waits for the network; platform threads otherwise. platform: three platform"
            + " threads per connection, as Paho starts them.")
    private String ioThreads = "auto";
    @Metadata(label = "advanced", autowired = true, description = "The cluster service that decides which replica"
            + " connects which identity, when the application runs as several replicas (file lock, ZooKeeper,"
            + " Kubernetes, Consul...). By default the cluster service of the CamelContext, if there is one. Each identity"
            + " is hashed into one of clusterBuckets namespaces; only the replica that leads an identity's namespace"
            + " connects it, so replicas never take each other's connections.")
    private CamelClusterService clusterService;
    @Metadata(label = "advanced", defaultValue = "iothub-mqtt", description = "The prefix of the cluster namespaces:"
            + " <prefix>-<bucket>. Letters, digits and dashes, so that it is a valid file name, ZooKeeper path and"
            + " Kubernetes lease name.")
    private String clusterNamespace = "iothub-mqtt";
    @Metadata(label = "advanced", defaultValue = "16", description = "Into how many cluster namespaces (buckets) the"
            + " identities are hashed. Each is one lock, election or lease of the cluster service; replicas share the"
            + " buckets, so use at least as many buckets as replicas, better a few times more. Must be the same on every"
            + " replica.")
    private int clusterBuckets = 16;
    @Metadata(label = "security", description = "Use Camel's global TLS settings (the CamelContext's"
            + " SSLContextParameters; camel.ssl options with camel-main) for the endpoints that set no"
            + " sslContextParameters. trustCertificates, clientCertificate and clientKey still replace their trust or"
            + " key material.")
    private boolean useGlobalSslContextParameters;
    @Metadata(label = "advanced", defaultValue = "true", description = "Whether a cluster service decides which replica"
            + " connects which identity. Set false when the CamelContext has a cluster service for other routes (master"
            + " routes, for example) but each replica should connect all of its own identities.")
    private boolean clusterOwnership = true;
    @Metadata(label = "advanced", defaultValue = "true", description = "Whether each identity gets meters (connected,"
            + " connects, disconnects by reason, renewals, in-flight messages, PUBACK time, throttled answers, C2D"
            + " messages and method calls, tagged hub and identity) in the application's Micrometer MeterRegistry,"
            + " when Micrometer is on the class path and the registry holds exactly one MeterRegistry.")
    private boolean sessionMetrics = true;

    private static final Logger LOG = LoggerFactory.getLogger(IotHubMqttComponent.class);
    private static final String SCHEDULER = "IotHubMqttSession";
    private static final String WORK = "IotHubMqttWork";
    private static final int WORK_THREADS = 8;

    private DeviceSessionRegistry sessions;
    private OwnedSessions ownedSessions;
    private volatile IdentityOwnership ownership;
    private ScheduledExecutorService scheduler;
    private ExecutorService work;
    private ClientLoops clientLoops;
    private final ConnectionOptionsCheck optionsCheck = new ConnectionOptionsCheck();
    private final Map<DeviceSession, SessionHealthCheck> healthChecks = new ConcurrentHashMap<>();
    private final SessionHealthChecks healthRepository = new SessionHealthChecks(healthChecks.values());
    private final Map<TlsSource, SSLSocketFactory> socketFactories = new ConcurrentHashMap<>();
    /** {@code null} without Micrometer or without a registry, or when sessionMetrics is off. */
    private SessionMeters meters;

    public IotHubMqttConfiguration getConfiguration() {
        return configuration;
    }

    /** The options shared by all endpoints; each endpoint can override them. */
    public void setConfiguration(IotHubMqttConfiguration configuration) {
        this.configuration = configuration;
    }

    public int getConnectRate() {
        return connectRate;
    }

    public void setConnectRate(int connectRate) {
        this.connectRate = connectRate;
    }

    public int getConnectConcurrency() {
        return connectConcurrency;
    }

    public void setConnectConcurrency(int connectConcurrency) {
        this.connectConcurrency = connectConcurrency;
    }

    public CamelClusterService getClusterService() {
        return clusterService;
    }

    public void setClusterService(CamelClusterService clusterService) {
        this.clusterService = clusterService;
    }

    public String getClusterNamespace() {
        return clusterNamespace;
    }

    public void setClusterNamespace(String clusterNamespace) {
        if (!clusterNamespace.matches("[A-Za-z0-9][A-Za-z0-9-]*")) {
            throw new IllegalArgumentException("clusterNamespace must be letters, digits and dashes, was " + clusterNamespace);
        }
        this.clusterNamespace = clusterNamespace;
    }

    public boolean isClusterOwnership() {
        return clusterOwnership;
    }

    public void setClusterOwnership(boolean clusterOwnership) {
        this.clusterOwnership = clusterOwnership;
    }

    public boolean isSessionMetrics() {
        return sessionMetrics;
    }

    public void setSessionMetrics(boolean sessionMetrics) {
        this.sessionMetrics = sessionMetrics;
    }

    public int getClusterBuckets() {
        return clusterBuckets;
    }

    public void setClusterBuckets(int clusterBuckets) {
        this.clusterBuckets = clusterBuckets;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }

    /** Camel's global TLS settings when this component uses them, else null. */
    SSLContextParameters globalSslContextParameters() {
        return useGlobalSslContextParameters ? retrieveGlobalSslContextParameters() : null;
    }

    public String getIoThreads() {
        return ioThreads;
    }

    public void setIoThreads(String ioThreads) {
        this.ioThreads = ioThreads;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EndpointKind kind = parseKind(remaining);
        IotHubMqttEndpoint endpoint = new IotHubMqttEndpoint(uri, this, kind, configuration.copy());
        setProperties(endpoint, parameters);
        endpoint.checkSettings();
        return endpoint;
    }

    private static EndpointKind parseKind(String remaining) {
        try {
            return EndpointKind.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("iothub-mqtt:" + remaining + " is unknown: use iothub-mqtt:telemetry, c2d,"
                    + " twin, methods or status");
        }
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scheduler = getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this, SCHEDULER, schedulerProfile());
        work = getCamelContext().getExecutorServiceManager().newThreadPool(this, WORK, workProfile());
        clientLoops = ClientLoops.create(ioThreadsKind(), scheduler);
        // none without camel-health; Camel has no "components" repository, so the checks need one of their own
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null) {
            health.register(healthRepository);
        }
        meters = sessionMetrics && getCamelContext().getClassResolver().resolveClass(SessionMeters.MICROMETER_REGISTRY) != null
                ? SessionMeters.find(getCamelContext())
                : null;
        LOG.debug("iothub-mqtt connections run their MQTT loops on {} threads", clientLoops.virtual() ? "virtual" : "platform");
        sessions = new DeviceSessionRegistry(new SessionExecutors(scheduler, work, clientLoops,
                new ConnectPacer(connectRate, connectConcurrency, scheduler), new RenewalPlanner()));
        CamelClusterService cluster = !clusterOwnership
                ? null
                : clusterService != null
                        ? clusterService
                        : ClusterServiceHelper.lookupService(getCamelContext()).orElse(null);
        OwnedSessions.Sessions opener = new OwnedSessions.Sessions() {
            @Override
            public DeviceSession acquire(SessionSettings settings) {
                return acquireSession(settings);
            }

            @Override
            public void release(DeviceSession session) {
                releaseSession(session);
            }
        };
        if (cluster == null) {
            ownedSessions = new OwnedSessions(opener, null);
            return;
        }
        ownership = new IdentityOwnership(cluster, clusterNamespace, clusterBuckets, scheduler, work,
                () -> ownedSessions.ownershipChanged());
        ownedSessions = new OwnedSessions(opener, ownership);
        LOG.info("iothub-mqtt connects only the identities this replica owns: {} buckets {}-0 to {}-{} on cluster service {}",
                clusterBuckets, clusterNamespace, clusterNamespace, clusterBuckets - 1, cluster.getId());
        ownership.start();
    }

    private ClientLoops.Kind ioThreadsKind() {
        try {
            return ClientLoops.Kind.valueOf(ioThreads.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ioThreads must be auto or platform, was " + ioThreads);
        }
    }

    /**
     * One thread for the pings, renewals, reconnects and timeouts of all sessions. Its queue is unbounded: each
     * session keeps a few timers queued, and Camel's default queue limit of 1000 would reject the timers of a few
     * hundred devices (and Paho then drops their connections).
     */
    private static ThreadPoolProfile schedulerProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile(SCHEDULER);
        profile.setPoolSize(1);
        profile.setMaxQueueSize(-1);
        return profile;
    }

    /**
     * Threads for what may block or run a route: failed sends completing (a route's error handler may sleep there for
     * a redelivery) and retired connections closing. The queue is unbounded so a burst of failures is never rejected.
     */
    private static ThreadPoolProfile workProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile(WORK);
        profile.setPoolSize(WORK_THREADS);
        profile.setMaxPoolSize(WORK_THREADS);
        profile.setMaxQueueSize(-1);
        profile.setAllowCoreThreadTimeOut(true);
        return profile;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    protected void doStop() throws Exception {
        if (ownership != null) {
            ownership.stop();
            ownership = null;
        }
        if (sessions != null) {
            sessions.closeAll();
        }
        healthChecks.keySet().forEach(this::unwatch);
        HealthCheckRegistry health = HealthCheckRegistry.get(getCamelContext());
        if (health != null) {
            health.unregister(healthRepository);
        }
        if (scheduler != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(scheduler);
        }
        if (work != null) {
            getCamelContext().getExecutorServiceManager().shutdownGraceful(work);
        }
        if (clientLoops != null) {
            clientLoops.close();
        }
        super.doStop();
    }

    /**
     * One TLS socket factory per TLS source (bean, PEM resources or the JVM's default), shared by all endpoints that use
     * it, so that the TLS versions its hubs negotiated are learned once.
     */
    SSLSocketFactory socketFactory(TlsSource source) {
        return socketFactories.computeIfAbsent(source, s -> {
            if (s.isJvmDefault()) {
                return new NegotiatedTlsVersions((SSLSocketFactory) SSLSocketFactory.getDefault());
            }
            SSLContextParameters parameters = s.toParameters(getCamelContext());
            SSLSocketFactory factory = SessionSettingsFactory.socketFactory(parameters, getCamelContext());
            TrustAllCheck.warnIfTrustingAny(parameters);
            return new NegotiatedTlsVersions(factory);
        });
    }

    OwnedSessions.Lease joinSession(SessionSettings settings, IotHubMqttConnectionConfiguration options,
            OwnedSessions.Attachment attachment) {
        optionsCheck.acquired(settings.key(), options);
        return ownedSessions.join(settings, attachment);
    }

    private DeviceSession acquireSession(SessionSettings settings) {
        DeviceSession session = sessions.acquire(settings);
        healthChecks.computeIfAbsent(session, this::watch);
        return session;
    }

    private void releaseSession(DeviceSession session) {
        sessions.release(session);
        if (sessions.find(session.settings().key()) != session) { // closed: its last user left
            optionsCheck.released(session.settings().key());
            unwatch(session);
        }
    }

    /** A session's readiness check (in the repository the health registry reads), and its meters. */
    private SessionHealthCheck watch(DeviceSession session) {
        if (meters != null) {
            meters.bind(session);
        }
        return new SessionHealthCheck(session);
    }

    private void unwatch(DeviceSession session) {
        if (meters != null) {
            meters.unbind(session);
        }
        healthChecks.remove(session);
    }

    /** The cluster buckets this replica leads now: its identities connect here. Empty without a cluster service. */
    public Set<Integer> getOwnedClusterBuckets() {
        IdentityOwnership now = ownership;
        return now == null ? Set.of() : now.ownedBuckets();
    }

    /** The health checks of the open sessions, one per identity. */
    public Map<DeviceSession, SessionHealthCheck> getSessionHealthChecks() {
        return Map.copyOf(healthChecks);
    }
}
