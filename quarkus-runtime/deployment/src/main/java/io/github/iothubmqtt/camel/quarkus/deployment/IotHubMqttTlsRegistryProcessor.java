package io.github.iothubmqtt.camel.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildStep;

/** quarkus.iothub-mqtt.tls-configuration-name, in applications that have the Quarkus TLS registry. */
class IotHubMqttTlsRegistryProcessor {

    private static final String TLS_REGISTRY = "io.quarkus.tls.TlsConfigurationRegistry";
    private static final String CONFIGURER = "io.github.iothubmqtt.camel.quarkus.tls.TlsRegistryConfigurer";

    @BuildStep
    AdditionalBeanBuildItem tlsRegistryConfigurer() {
        // the configurer refers to the registry's classes, which the extension does not bring itself
        return QuarkusClassLoader.isClassPresentAtRuntime(TLS_REGISTRY)
                ? AdditionalBeanBuildItem.builder().addBeanClasses(CONFIGURER).setUnremovable().build()
                : null;
    }
}
