package io.github.iothubmqtt.test;

import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * The Spring side of {@link IotHubTest}: before the application context starts, the starter's properties point the
 * component at the emulator as the first device (overriding the application's own), the trust is the bean
 * {@value #TRUST_BEAN} and the hub the bean {@code emulatedHub}, for the test to autowire.
 */
public final class IotHubContextCustomizerFactory implements ContextCustomizerFactory {

    /** The bean name of the emulator's trust, which camel.component.iothub-mqtt.ssl-context-parameters names. */
    public static final String TRUST_BEAN = "iothubEmulatorTrust";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (TestContextAnnotationUtils.findMergedAnnotation(testClass, IotHubTest.class) == null) {
            return null;
        }
        return new EmulatorProperties(List.of(IotHubEmulatorExtension.devices(testClass)));
    }

    /** Equal for the same devices, so that Spring caches one application context for them. */
    private record EmulatorProperties(List<String> devices) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
            EmulatedHub hub = EmulatedHub.shared();
            devices.forEach(hub::device);
            String prefix = "camel.component.iothub-mqtt.";
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("iothub-emulator", Map.of(
                    prefix + "connection-string", hub.connectionString(devices.get(0)),
                    prefix + "port", hub.port(),
                    prefix + "ssl-context-parameters", "#" + TRUST_BEAN)));
            context.getBeanFactory().registerSingleton(TRUST_BEAN, hub.trust());
            context.getBeanFactory().registerSingleton("emulatedHub", hub);
        }
    }
}
