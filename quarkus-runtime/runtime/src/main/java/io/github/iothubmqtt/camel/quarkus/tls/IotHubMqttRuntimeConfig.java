package io.github.iothubmqtt.camel.quarkus.tls;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/** Run-time configuration of the iothub-mqtt extension. */
@ConfigMapping(prefix = "quarkus.iothub-mqtt")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface IotHubMqttRuntimeConfig {

    /**
     * The name of a TLS configuration of the Quarkus TLS registry ({@code quarkus.tls.<name>.*}) whose trust store and
     * key store become the component's {@code sslContextParameters}: the hub's CA, and an X.509 device's certificate
     * and key. Needs the {@code io.quarkus:quarkus-tls-registry} extension. The component's {@code trustCertificates},
     * {@code clientCertificate} and {@code clientKey} still replace its trust or key material.
     */
    Optional<String> tlsConfigurationName();
}
