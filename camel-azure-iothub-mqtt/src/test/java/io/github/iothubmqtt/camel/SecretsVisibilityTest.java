package io.github.iothubmqtt.camel;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.SasToken;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.model.Model;
import org.apache.camel.model.RoutesDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a key written literally into a route shows, with every log of the component and Paho at TRACE: logs,
 * exceptions, JMX attributes and object names, health check details, and Camel's YAML and XML route dumps. What
 * docs/reference.md ("Secrets") says is checked here, including what Camel does not mask.
 */
class SecretsVisibilityTest extends EmulatorTestSupport {

    private static final java.util.logging.Logger PAHO = java.util.logging.Logger.getLogger("org.eclipse.paho.client.mqttv3");
    private final List<String> pahoRecords = new CopyOnWriteArrayList<>();
    private final Handler pahoCapture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            pahoRecords.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private java.util.logging.Level pahoLevel;

    @Override
    public void configureTest(TestExecutionConfiguration testConfiguration) {
        super.configureTest(testConfiguration);
        testConfiguration.withJMX(true);
    }

    @AfterEach
    void quietLogs() {
        CapturedLogs.keepInfoAndAbove();
        PAHO.removeHandler(pahoCapture);
        if (pahoLevel != null) {
            PAHO.setLevel(pahoLevel);
        }
    }

    @Test
    void literalSecretsReachNoComponentOrPahoLogJmxAttributeOrHealthCheck() throws Exception {
        traceEverything();
        Identity device = newDevice("visible");
        String key = hub.registry().get(device).primaryKey();
        String token = SasToken.create(SasToken.resourceUri(hub.hubHostName(), device), key,
                Instant.now().plusSeconds(3600).getEpochSecond(), null);
        String signature = token.substring(token.indexOf("sig=") + 4, token.indexOf('&', token.indexOf("sig=")));
        String byKey = explicitUri(device, "telemetry", "sharedAccessKey=RAW(" + key + ")");
        String byToken = explicitUri(device, "twin", "sasToken=RAW(" + token + ")");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:by-connection-string").to(uri("telemetry", device, ""));
                from("direct:by-key").to(byKey);
                from("direct:by-token").to(byToken);
                from(uri("c2d", device, "")).to("mock:c2d");
            }
        });

        template.sendBody("direct:by-connection-string", "one");
        hub.service().dropAllConnections();
        template.sendBody("direct:by-key", "two");
        template.requestBody("direct:by-token", "");

        String componentLogs = logsOf("io.github.iothubmqtt");
        assertThat(componentLogs).as("the component logged at DEBUG and TRACE").isNotEmpty();
        assertThat(pahoRecords).as("Paho logged at its finest levels").isNotEmpty();
        String jmx = jmx();
        assertThat(jmx).as("the endpoints' and routes' MBeans").contains("type=endpoints").contains("type=routes")
                .contains("EndpointUri=iothub-mqtt://telemetry?");
        String health = healthChecks();
        assertThat(health).as("a health check per connection").contains("iothub-mqtt:");
        String infoAndAbove = CapturedLogs.events().stream().filter(e -> e.level().toInt() >= Level.INFO.toInt())
                .map(e -> e.logger() + " " + e.message() + " " + e.thrown()).collect(Collectors.joining("\n"));
        for (String seen : List.of(componentLogs, logsOf("org.eclipse.paho"), String.join("\n", pahoRecords), jmx, health,
                infoAndAbove)) {
            assertThat(seen).doesNotContain(key).doesNotContain(signature).doesNotContain("sig=");
        }
        // Camel's own DEBUG logs write the endpoint URI as given: what docs/reference.md warns about
        assertThat(logsOf("org.apache.camel.impl.engine.AbstractCamelContext")).contains(key).contains(signature);
    }

    @Test
    void routeDumpsAndCamelsDebugLogsShowWhatTheUriHolds() throws Exception {
        traceEverything();
        Identity literal = newDevice("dump-literal");
        Identity placeholder = newDevice("dump-placeholder");
        Identity onComponent = newDevice("dump-component");
        String literalKey = hub.registry().get(literal).primaryKey();
        String placeholderKey = hub.registry().get(placeholder).primaryKey();
        String componentKey = hub.registry().get(onComponent).primaryKey();
        context.getPropertiesComponent().addInitialProperty("iothub.key", placeholderKey);
        context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration().setSharedAccessKey(componentKey);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:literal").routeId("literal")
                        .to(explicitUri(literal, "telemetry", "sharedAccessKey=RAW(" + literalKey + ")"));
                from("direct:placeholder").to(explicitUri(placeholder, "telemetry", "sharedAccessKey=RAW({{iothub.key}})"));
                from("direct:on-component").to(explicitUri(onComponent, "telemetry", ""));
            }
        });
        template.sendBody("direct:on-component", "the component's key works");

        // Camel 4.22's YAML and XML dumpers mask nothing: a literal key shows, and so does a placeholder's value
        // unless the dump leaves placeholders unresolved
        assertThat(dumps(true)).contains(literalKey).contains(placeholderKey).doesNotContain(componentKey);
        assertThat(dumps(false)).contains(literalKey).doesNotContain(placeholderKey).doesNotContain(componentKey)
                .contains("{{iothub.key}}");
        // Camel's DEBUG logs show the URI after its placeholders are resolved; a key on the component is in no URI
        assertThat(logsOf("org.apache.camel")).contains(literalKey).contains(placeholderKey).doesNotContain(componentKey);
        assertThat(jmx()).doesNotContain(componentKey).doesNotContain(literalKey).doesNotContain(placeholderKey);
        // and the dump operations of the route's MBean show the URI as written, though its attributes are masked
        ObjectName route = ManagementFactory.getPlatformMBeanServer()
                .queryNames(new ObjectName("org.apache.camel:type=routes,name=\"literal\",*"), null).iterator().next();
        for (String operation : List.of("dumpRouteAsYaml", "dumpRouteAsXml")) {
            assertThat((String) ManagementFactory.getPlatformMBeanServer().invoke(route, operation, null, null))
                    .contains(literalKey);
        }
    }

    private static String explicitUri(Identity device, String kind, String credentials) {
        return "iothub-mqtt:" + kind + "?hostName=" + hub.hubHostName() + "&deviceId=" + device.deviceId()
                + "&gatewayHostName=localhost&port=" + hub.mqttPort() + "&sslContextParameters=#hubTls"
                + (credentials.isEmpty() ? "" : "&" + credentials);
    }

    private void traceEverything() {
        CapturedLogs.clear();
        CapturedLogs.keepAllLevels("io.github.iothubmqtt");
        CapturedLogs.keepAllLevels("org.eclipse.paho");
        CapturedLogs.keepAllLevels("org.apache.camel");
        pahoLevel = PAHO.getLevel();
        PAHO.setLevel(java.util.logging.Level.ALL);
        pahoCapture.setLevel(java.util.logging.Level.ALL);
        PAHO.addHandler(pahoCapture);
    }

    /** Everything the loggers under {@code prefix} logged, messages and exceptions. */
    private static String logsOf(String prefix) {
        StringBuilder text = new StringBuilder();
        CapturedLogs.events().stream().filter(e -> e.logger().startsWith(prefix)).forEach(e -> text.append(e.level())
                .append(' ').append(e.message()).append(' ').append(e.thrown()).append('\n'));
        return text.toString();
    }

    /** Every readable attribute of every Camel MBean, and the MBeans' names. */
    private static String jmx() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        StringBuilder text = new StringBuilder();
        for (ObjectName name : server.queryNames(new ObjectName("org.apache.camel:*"), null)) {
            text.append(name).append('\n');
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    try {
                        text.append(attribute.getName()).append('=').append(server.getAttribute(name, attribute.getName()))
                                .append('\n');
                    } catch (Exception | LinkageError unreadable) {
                        text.append(attribute.getName()).append(" unreadable: ").append(unreadable).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private String healthChecks() {
        StringBuilder text = new StringBuilder();
        for (HealthCheck check : context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getSessionHealthChecks()
                .values()) {
            HealthCheck.Result result = check.call(Map.of());
            text.append(check.getId()).append(' ').append(result.getState()).append(' ').append(result.getMessage())
                    .append(' ').append(result.getDetails()).append(' ').append(result.getError()).append('\n');
        }
        return text.toString();
    }

    /** The routes as Camel's YAML and XML dumpers write them. */
    private String dumps(boolean resolvePlaceholders) throws Exception {
        RoutesDefinition routes = new RoutesDefinition();
        routes.setRoutes(context.getCamelContextExtension().getContextPlugin(Model.class).getRouteDefinitions());
        return PluginHelper.getModelToYAMLDumper(context).dumpModelAsYaml(context, routes, resolvePlaceholders, false, false,
                false)
                + PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, routes, resolvePlaceholders, false, false);
    }
}
