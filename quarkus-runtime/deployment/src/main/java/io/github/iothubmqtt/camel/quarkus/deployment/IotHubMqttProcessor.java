package io.github.iothubmqtt.camel.quarkus.deployment;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ExtensionSslNativeSupportBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.IndexDependencyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBuildItem;
import io.quarkus.deployment.builditem.nativeimage.NativeImageResourceBundleBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveMethodBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;

/** Build steps that make the iothub-mqtt component and the Paho client it uses work in Quarkus, natively too. */
class IotHubMqttProcessor {

    static final String FEATURE = "camel-azure-iothub-mqtt";

    /**
     * Written by camel-package-maven-plugin; Camel's runtime catalog reads it (endpoint URI validation, explain).
     * Camel Quarkus includes it too, but only while its runtime catalog is on.
     */
    static final String COMPONENT_DESCRIPTOR = "META-INF/io/github/iothubmqtt/camel/iothub-mqtt.json";

    private static final String PAHO = "org.eclipse.paho.client.mqttv3.";
    private static final String NETWORK_MODULE_FACTORY = PAHO + "spi.NetworkModuleFactory";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** IoT Hub accepts TLS only. */
    @BuildStep
    ExtensionSslNativeSupportBuildItem sslNativeSupport() {
        return new ExtensionSslNativeSupportBuildItem(FEATURE);
    }

    /** The component jar carries no Jandex index; Camel Quarkus finds endpoints, consumers and producers in the index. */
    @BuildStep
    IndexDependencyBuildItem indexComponent() {
        return new IndexDependencyBuildItem("io.github.iothubmqtt", "camel-azure-iothub-mqtt");
    }

    @BuildStep
    NativeImageResourceBuildItem componentDescriptor() {
        return new NativeImageResourceBuildItem(COMPONENT_DESCRIPTOR);
    }

    /** Paho instantiates its logger and its message catalog by class name. */
    @BuildStep
    ReflectiveClassBuildItem pahoClassesLoadedByName() {
        return ReflectiveClassBuildItem.builder(
                PAHO + "logging.JSR47Logger",
                PAHO + "internal.ResourceBundleCatalog").build();
    }

    /**
     * The component waits on each Paho loop's lifecycle monitor, a private field, and asks the loop whether it runs,
     * so that Paho's check that a loop started passes without sleeping 100 ms (PahoLoopStart).
     */
    @BuildStep
    ReflectiveClassBuildItem pahoLoopLifecycles() {
        return ReflectiveClassBuildItem.builder(
                PAHO + "internal.CommsReceiver",
                PAHO + "internal.CommsSender",
                PAHO + "internal.CommsCallback").fields().methods().build();
    }

    /** The component compares the connection options of an identity's endpoints field by field. */
    @BuildStep
    ReflectiveClassBuildItem connectionOptionFields() {
        return ReflectiveClassBuildItem.builder("io.github.iothubmqtt.camel.IotHubMqttConnectionConfiguration").fields()
                .build();
    }

    /**
     * The component finds Java 21's virtual-thread executor by reflection, since it compiles for Java 17; a native
     * image built on Java 21+ keeps it reachable.
     */
    @BuildStep
    ReflectiveMethodBuildItem virtualThreadExecutor() {
        return new ReflectiveMethodBuildItem("iothub-mqtt: connections' MQTT loops on virtual threads",
                "java.util.concurrent.Executors", "newVirtualThreadPerTaskExecutor", new String[0]);
    }

    /** Paho picks the network module for a server URI scheme (ssl://, wss://, ...) through ServiceLoader. */
    @BuildStep
    ServiceProviderBuildItem pahoNetworkModules() {
        return new ServiceProviderBuildItem(NETWORK_MODULE_FACTORY,
                PAHO + "internal.TCPNetworkModuleFactory",
                PAHO + "internal.SSLNetworkModuleFactory",
                PAHO + "internal.websocket.WebSocketNetworkModuleFactory",
                PAHO + "internal.websocket.WebSocketSecureNetworkModuleFactory");
    }

    /** Paho's log and exception messages. */
    @BuildStep
    void pahoMessageBundles(BuildProducer<NativeImageResourceBundleBuildItem> bundles) {
        bundles.produce(new NativeImageResourceBundleBuildItem(PAHO + "internal.nls.logcat"));
        bundles.produce(new NativeImageResourceBundleBuildItem(PAHO + "internal.nls.messages"));
    }
}
