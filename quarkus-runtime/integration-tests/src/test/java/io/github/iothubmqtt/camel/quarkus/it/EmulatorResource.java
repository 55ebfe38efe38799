package io.github.iothubmqtt.camel.quarkus.it;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;

import io.github.iothubmqtt.emulator.IotHubEmulator;
import io.github.iothubmqtt.emulator.ServiceApi;
import io.github.iothubmqtt.protocol.Identity;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts the IoT Hub emulator in the test JVM on ephemeral ports, registers the application's two devices and hands
 * the application their connection strings, the MQTT port and the emulator's CA as a trust store. Tests get the emulator's
 * service side (the cloud) injected into their {@link ServiceApi} field.
 */
public class EmulatorResource implements QuarkusTestResourceLifecycleManager {

    static final Identity JAVA_DEVICE = Identity.device("java-device");
    static final Identity YAML_DEVICE = Identity.device("yaml-device");

    private static final String TRUST_STORE_PASSWORD = "emulator";

    private IotHubEmulator emulator;
    private Path trustStore;

    @Override
    public Map<String, String> start() {
        emulator = IotHubEmulator.builder()
                .mqttPort(0).webSocketPort(-1).httpPort(-1)
                .device(JAVA_DEVICE.deviceId())
                .device(YAML_DEVICE.deviceId())
                .start();
        trustStore = writeTrustStore();
        return Map.of(
                "camel.component.iothub-mqtt.connection-string", emulator.connectionString(JAVA_DEVICE),
                "yaml-device.connection-string", emulator.connectionString(YAML_DEVICE),
                "camel.component.iothub-mqtt.port", String.valueOf(emulator.mqttPort()),
                "hub.trust-store.path", trustStore.toString(),
                "hub.trust-store.password", TRUST_STORE_PASSWORD);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(emulator.service(), new TestInjector.MatchesType(ServiceApi.class));
    }

    @Override
    public void stop() {
        emulator.close();
        try {
            Files.deleteIfExists(trustStore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeTrustStore() {
        try {
            Path file = Files.createTempFile("emulator-trust", ".p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                emulator.trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
            }
            return file;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the emulator's trust store", e);
        }
    }
}
