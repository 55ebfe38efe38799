package io.github.iothubmqtt.camel.quarkus.tls;

import org.apache.camel.quarkus.core.events.ComponentAddEvent;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Gives the iothub-mqtt component the TLS configuration that {@code quarkus.iothub-mqtt.tls-configuration-name} names,
 * as its sslContextParameters. Registered only when the application has the Quarkus TLS registry.
 */
@Singleton
public class TlsRegistryConfigurer {

    private final IotHubMqttRuntimeConfig config;
    private final TlsConfigurationRegistry registry;
    private final Vertx vertx;

    TlsRegistryConfigurer(IotHubMqttRuntimeConfig config, TlsConfigurationRegistry registry, Vertx vertx) {
        this.config = config;
        this.registry = registry;
        this.vertx = vertx;
    }

    void onComponentAdd(@Observes ComponentAddEvent event) {
        if (event.getComponent() instanceof IotHubMqttComponent component) {
            config.tlsConfigurationName().ifPresent(name -> component.getConfiguration().setSslContextParameters(
                    TlsRegistryParameters.of(registry.get(name).orElseThrow(() -> new IllegalArgumentException(
                            "quarkus.iothub-mqtt.tls-configuration-name names " + name
                                    + ", which the TLS registry does not have: configure quarkus.tls." + name + ".*")),
                            vertx)));
        }
    }
}
