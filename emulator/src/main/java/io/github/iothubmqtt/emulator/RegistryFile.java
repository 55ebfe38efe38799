package io.github.iothubmqtt.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.protocol.Identity;

/**
 * Reads a registry from JSON shaped like IoT Hub's device identities; missing keys are generated:
 *
 * <pre>{@code
 * {"devices": [
 *   {"deviceId": "thermostat-1", "status": "enabled",
 *    "authentication": {"symmetricKey": {"primaryKey": "…", "secondaryKey": "…"}},
 *    "modules": [{"moduleId": "filter"}]},
 *   {"deviceId": "camera-7",
 *    "authentication": {"type": "selfSigned", "x509Thumbprint": {"primaryThumbprint": "AB12…"}}}
 * ]}
 * }</pre>
 */
public final class RegistryFile {

    private RegistryFile() {
    }

    public static void load(Path file, DeviceRegistry registry) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry file " + file, e);
        }
        JsonNode devices = root.isArray() ? root : root.path("devices");
        if (!devices.isArray()) {
            throw new IllegalArgumentException(file + ": expected {\"devices\": [...]} or an array of devices");
        }
        for (JsonNode device : devices) {
            String deviceId = required(device, "deviceId", file);
            registry.add(entry(Identity.device(deviceId), device));
            for (JsonNode module : device.path("modules")) {
                registry.add(entry(Identity.module(deviceId, required(module, "moduleId", file)), module));
            }
        }
    }

    private static RegisteredIdentity entry(Identity identity, JsonNode node) {
        JsonNode authentication = node.path("authentication");
        JsonNode thumbprints = authentication.path("x509Thumbprint");
        boolean enabled = !"disabled".equalsIgnoreCase(node.path("status").asText("enabled"));
        RegisteredIdentity entry;
        if (thumbprints.isObject()) {
            entry = RegisteredIdentity.withThumbprints(identity, JsonFields.text(thumbprints, "primaryThumbprint"),
                    JsonFields.text(thumbprints, "secondaryThumbprint"));
        } else {
            JsonNode keys = authentication.path("symmetricKey");
            String primary = JsonFields.text(keys, "primaryKey");
            String secondary = JsonFields.text(keys, "secondaryKey");
            entry = RegisteredIdentity.withKeys(identity, primary != null ? primary : DeviceRegistry.newKey(),
                    secondary != null ? secondary : DeviceRegistry.newKey());
        }
        return entry.withEnabled(enabled);
    }

    private static String required(JsonNode node, String field, Path file) {
        String value = JsonFields.text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(file + ": an entry has no " + field);
        }
        return value;
    }
}
