package io.github.iothubmqtt.camel;

import java.time.Duration;
import java.util.Collection;

import io.github.iothubmqtt.camel.session.SessionSettings;
import io.github.iothubmqtt.camel.session.TwinChannel;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Act as an Azure IoT Hub device (or module) over MQTT: telemetry, cloud-to-device messages, the device twin and
 * direct methods.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "iothub-mqtt", title = "Azure IoT Hub MQTT", syntax = "iothub-mqtt:kind", category = {
        Category.IOT, Category.CLOUD}, headersClass = IotHubMqttConstants.class)
public class IotHubMqttEndpoint extends DefaultEndpoint implements HeaderFilterStrategyAware {

    @UriPath(description = "What the endpoint does: telemetry (producer), c2d (consumer), twin (producer: get the twin"
            + " or patch reported properties; consumer: desired-property updates), inputs (consumer: an"
            + " IoT Edge module's inputs), methods (consumer:"
            + " direct methods, the reply is the response), status (producer: the connection's status"
            + " as body).")
    @Metadata(required = true)
    private final EndpointKind kind;
    @UriParam
    private IotHubMqttConfiguration configuration;
    @UriParam(label = "advanced", description = "Decides which headers become application properties of telemetry and which application"
            + " properties of cloud-to-device messages become headers. By default Camel's own headers"
            + " are excluded.")
    private HeaderFilterStrategy headerFilterStrategy = new IotHubMqttHeaderFilterStrategy();
    @UriParam(label = "common", description = "A gateway's identities: a bean (#name) holding a collection of"
            + " connection strings, one per device or module. The endpoint serves each of them over a connection of its"
            + " own, and no URI carries their keys: a producer sends as the identity the CamelIotHubMqttIdentity header"
            + " names, a consumer receives for every identity and sets that header. Replaces connectionString, deviceId,"
            + " moduleId, sharedAccessKey, sasToken and idScope; the other options apply to every identity. Read when"
            + " the endpoint is created.")
    private Collection<String> fleet;

    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);

    private EndpointIdentities identities;

    IotHubMqttEndpoint(String uri, IotHubMqttComponent component, EndpointKind kind, IotHubMqttConfiguration configuration) {
        super(uri, component);
        this.kind = kind;
        this.configuration = configuration;
    }

    @Override
    public IotHubMqttComponent getComponent() {
        return (IotHubMqttComponent) super.getComponent();
    }

    public EndpointKind getKind() {
        return kind;
    }

    public IotHubMqttConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(IotHubMqttConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public HeaderFilterStrategy getHeaderFilterStrategy() {
        return headerFilterStrategy;
    }

    @Override
    public void setHeaderFilterStrategy(HeaderFilterStrategy headerFilterStrategy) {
        this.headerFilterStrategy = headerFilterStrategy;
    }

    public Collection<String> getFleet() {
        return fleet;
    }

    public void setFleet(Collection<String> fleet) {
        this.fleet = fleet;
    }

    /** Checks the options and builds the session settings, so mistakes fail when the endpoint is created. */
    void checkSettings() {
        identities = fleet == null
                ? EndpointIdentities.single(configuration, this::sessionSettings)
                : EndpointIdentities.fleet(fleet, configuration, this::sessionSettings);
    }

    private SessionSettings sessionSettings(IotHubMqttConfiguration options) {
        return SessionSettingsFactory.create(options, getCamelContext(), getComponent().globalSslContextParameters(),
                getComponent()::socketFactory);
    }

    EndpointIdentities identities() {
        return identities;
    }

    Duration requestTimeout() {
        return Duration.ofMillis(configuration.getRequestTimeout());
    }

    TwinChannel.RetryPolicy retryPolicy() {
        return new TwinChannel.RetryPolicy(configuration.getRetryAttempts(), Duration.ofMillis(configuration.getRetryDelay()),
                MAX_RETRY_DELAY);
    }

    /** Joins the users of one identity of this endpoint; a consumer passes itself, to be attached to each session. */
    OwnedSessions.Lease joinSession(EndpointIdentities.Member member, OwnedSessions.Attachment attachment) {
        return getComponent().joinSession(member.settings(), member.options(), attachment);
    }

    @Override
    public Producer createProducer() {
        return switch (kind) {
            case telemetry -> new TelemetryProducer(this);
            case status -> new StatusProducer(this);
            case twin -> new TwinProducer(this);
            case c2d, inputs, methods ->
                throw new UnsupportedOperationException("iothub-mqtt:" + kind + " only consumes: use it in from(...)");
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        Consumer consumer = switch (kind) {
            case c2d -> new CloudToDeviceConsumer(this, processor);
            case inputs -> new InputsConsumer(this, processor);
            case twin -> new DesiredPropertiesConsumer(this, processor);
            case methods -> new MethodsConsumer(this, processor);
            case telemetry, status -> throw new UnsupportedOperationException(
                    "iothub-mqtt:" + kind + " only produces: use it in to(...)");
        };
        configureConsumer(consumer);
        return consumer;
    }

    /**
     * Camel's own equality (same context, same URI), but unequal URIs are told apart by their cached hash first.
     * Camel compares endpoints pairwise while it starts routes, and a fleet's URIs are long and differ only deep
     * inside (the device id in the connection string): comparing them whole made starting thousands of routes slow.
     */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof IotHubMqttEndpoint endpoint
                && getEndpointUri().hashCode() == endpoint.getEndpointUri().hashCode() && super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
