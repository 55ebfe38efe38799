package io.github.iothubmqtt.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.github.iothubmqtt.protocol.Identity;

/** The hub's identity registry: devices and their modules. Thread-safe; entries are immutable records. */
public final class DeviceRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Identity, RegisteredIdentity> identities = new ConcurrentHashMap<>();

    /** Registers a device with generated keys (32 random bytes each, as the portal makes them). */
    public RegisteredIdentity addDevice(String deviceId) {
        return add(RegisteredIdentity.withKeys(Identity.device(deviceId), newKey(), newKey()));
    }

    /** Registers a module of an already registered device, with generated keys. */
    public RegisteredIdentity addModule(String deviceId, String moduleId) {
        return add(RegisteredIdentity.withKeys(Identity.module(deviceId, moduleId), newKey(), newKey()));
    }

    /** Registers (or replaces) an identity; a module's device must be registered first, as in IoT Hub. */
    public RegisteredIdentity add(RegisteredIdentity entry) {
        Identity identity = entry.identity();
        if (identity.isModule() && !identities.containsKey(Identity.device(identity.deviceId()))) {
            throw new IllegalArgumentException("device '" + identity.deviceId() + "' is not registered: register it"
                    + " before its module '" + identity.moduleId() + "'");
        }
        if (entry.keys().isEmpty() && !entry.isX509()) {
            throw new IllegalArgumentException(identity + " needs symmetric keys or X.509 thumbprints");
        }
        identities.put(identity, entry);
        return entry;
    }

    public Optional<RegisteredIdentity> find(Identity identity) {
        return Optional.ofNullable(identities.get(identity));
    }

    public RegisteredIdentity get(Identity identity) {
        return find(identity).orElseThrow(() -> new HubException(HubError.DEVICE_NOT_FOUND, identity.toString()));
    }

    /** Enables or disables an identity; a disabled one is refused at CONNECT (connected ones are not kicked). */
    public RegisteredIdentity setEnabled(Identity identity, boolean enabled) {
        return identities.compute(identity, (key, entry) -> {
            if (entry == null) {
                throw new HubException(HubError.DEVICE_NOT_FOUND, identity.toString());
            }
            return entry.withEnabled(enabled);
        });
    }

    /** Removes an identity (and a device's modules). */
    public void remove(Identity identity) {
        identities.keySet().removeIf(key -> key.equals(identity)
                || !identity.isModule() && key.isModule() && key.deviceId().equals(identity.deviceId()));
    }

    /** All identities, ordered by client id. */
    public List<RegisteredIdentity> all() {
        return identities.values().stream()
                .sorted(Comparator.comparing((RegisteredIdentity entry) -> entry.identity().clientId()))
                .toList();
    }

    /** A new symmetric key as the portal makes them: 32 random bytes, base64. */
    public static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
