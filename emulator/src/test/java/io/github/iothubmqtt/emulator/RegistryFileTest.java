package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.Identity;

/** The JSON registry file, shaped like IoT Hub's device identities. */
class RegistryFileTest {

    @TempDir
    Path directory;

    @Test
    void readsKeysThumbprintsModulesAndStatus() throws Exception {
        Path file = directory.resolve("devices.json");
        Files.writeString(file, """
                {"devices": [
                  {"deviceId": "thermostat-1",
                   "authentication": {"symmetricKey": {"primaryKey": "cGFzc3dvcmQ=", "secondaryKey": null}},
                   "modules": [{"moduleId": "filter"}]},
                  {"deviceId": "camera-7", "status": "disabled",
                   "authentication": {"type": "selfSigned", "x509Thumbprint": {"primaryThumbprint": "AB12"}}}
                ]}
                """);
        DeviceRegistry registry = new DeviceRegistry();
        RegistryFile.load(file, registry);

        RegisteredIdentity thermostat = registry.get(Identity.device("thermostat-1"));
        assertThat(thermostat.primaryKey()).isEqualTo("cGFzc3dvcmQ=");
        assertThat(thermostat.secondaryKey()).as("generated").isNotBlank();
        assertThat(thermostat.enabled()).isTrue();
        assertThat(registry.get(Identity.module("thermostat-1", "filter")).keys()).hasSize(2);
        RegisteredIdentity camera = registry.get(Identity.device("camera-7"));
        assertThat(camera.isX509()).isTrue();
        assertThat(camera.enabled()).isFalse();
        assertThat(camera.toString()).doesNotContain("cGFzc3dvcmQ=");
    }

    @Test
    void theEmulatorOffersX509ConnectionStrings() throws Exception {
        Path file = directory.resolve("devices.json");
        Files.writeString(file, "[{\"deviceId\": \"camera-7\", \"authentication\": "
                + "{\"x509Thumbprint\": {\"primaryThumbprint\": \"AB12\"}}}]");
        try (IotHubEmulator hub = Emulators.ephemeral().mqttPort(-1).webSocketPort(-1).devicesFile(file).start()) {
            ConnectionString connectionString = ConnectionString.parse(hub.connectionString(Identity.device("camera-7")));
            assertThat(connectionString.isX509()).isTrue();
            assertThat(connectionString.gatewayHostName()).isEqualTo("localhost");
        }
    }

    @Test
    void aModuleNeedsItsDevice() {
        assertThatThrownBy(() -> new DeviceRegistry().addModule("nobody", "m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nobody");
    }
}
