package io.github.iothubmqtt.test;

import java.util.List;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.CamelContextTracker;
import org.apache.camel.support.LifecycleStrategySupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit side of {@link IotHubTest}: registers the named devices, and while the test class runs, points the
 * iothub-mqtt component of every CamelContext created at the hub as the first device. A Spring test is left to
 * {@link IotHubContextCustomizerFactory}, which sets the same through the starter's properties.
 */
public final class IotHubEmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmulatedHub.class);
    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    @Override
    public void beforeAll(ExtensionContext context) {
        String[] devices = devices(context.getRequiredTestClass());
        EmulatedHub hub = EmulatedHub.shared();
        for (String device : devices) {
            hub.device(device);
        }
        if (!isSpringTest(context.getRequiredTestClass())) {
            ComponentWiring wiring = new ComponentWiring(hub, devices[0]);
            wiring.open();
            context.getStore(NAMESPACE).put(ComponentWiring.class, wiring);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ComponentWiring wiring = context.getStore(NAMESPACE).remove(ComponentWiring.class, ComponentWiring.class);
        if (wiring != null) {
            wiring.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmulatedHub.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return EmulatedHub.shared();
    }

    static String[] devices(Class<?> testClass) {
        IotHubTest annotation = AnnotationSupport.findAnnotation(testClass, IotHubTest.class)
                .orElseThrow(() -> new ExtensionConfigurationException(testClass.getName() + " is not annotated @IotHubTest"));
        if (annotation.devices().length == 0) {
            throw new ExtensionConfigurationException("@IotHubTest on " + testClass.getName() + " names no device");
        }
        return annotation.devices();
    }

    private static boolean isSpringTest(Class<?> testClass) {
        List<ExtendWith> extensions = AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class);
        return extensions.stream().flatMap(extendWith -> List.of(extendWith.value()).stream())
                .anyMatch(extension -> extension.getName().equals(SPRING_EXTENSION));
    }

    /** Configures the iothub-mqtt component of each CamelContext created while it is open, when Camel adds it. */
    private static final class ComponentWiring extends CamelContextTracker {

        private final EmulatedHub hub;
        private final String deviceId;

        ComponentWiring(EmulatedHub hub, String deviceId) {
            this.hub = hub;
            this.deviceId = deviceId;
        }

        @Override
        public void contextCreated(CamelContext camelContext) {
            camelContext.addLifecycleStrategy(new LifecycleStrategySupport() {
                @Override
                public void onComponentAdd(String name, Component component) {
                    if (component instanceof IotHubMqttComponent iotHubMqtt) {
                        hub.configure(iotHubMqtt, deviceId);
                    }
                }
            });
        }
    }
}
