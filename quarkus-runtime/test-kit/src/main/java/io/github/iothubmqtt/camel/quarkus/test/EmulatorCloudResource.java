package io.github.iothubmqtt.camel.quarkus.test;

import java.util.Map;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} the cloud side of the Dev Service's emulator: every
 * field of type {@link EmulatorCloud} in the test is set. It starts nothing; the extension's Dev Service runs the
 * emulator and configures the application.
 */
public class EmulatorCloudResource implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    /** The property, set by the Dev Service, that holds the emulator's HTTP API. */
    public static final String EMULATOR_URL = "iothub-mqtt.emulator.url";

    private String emulatorUrl;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        emulatorUrl = context.devServicesProperties().get(EMULATOR_URL);
    }

    @Override
    public Map<String, String> start() {
        return Map.of();
    }

    @Override
    public void inject(TestInjector injector) {
        if (emulatorUrl != null) {
            injector.injectIntoFields(new EmulatorCloud(emulatorUrl), new TestInjector.MatchesType(EmulatorCloud.class));
            return;
        }
        // a test without such a field may run without the emulator (an application that names a real hub)
        injector.injectIntoFields(null, field -> {
            if (field.getType() == EmulatorCloud.class) {
                throw new IllegalStateException(field + ": no IoT Hub emulator to reach. The iothub-mqtt Dev Service runs"
                        + " in dev and test mode when the application configures no"
                        + " camel.component.iothub-mqtt.connection-string and no camel.component.iothub-mqtt.id-scope,"
                        + " and quarkus.iothub-mqtt.devservices.enabled is not false");
            }
            return false;
        });
    }

    @Override
    public void stop() {
        // the Dev Service owns the emulator
    }
}
