package io.github.iothubmqtt.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.iothubmqtt.protocol.Identity;

/** The hub's identity registry: devices and their modules. Thread-safe; entries are immutable records. */
public final class DeviceRegistry {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TICKS_PER_MILLI = 10_000;
    private static final long TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000L;

    private final Map<Identity, RegisteredIdentity> identities = new ConcurrentHashMap<>();
    /** Kept apart from the entries: replacing an entry (new keys, say) keeps its generation; removing it ends it. */
    private final Map<Identity, String> generations = new ConcurrentHashMap<>();
    private final AtomicLong lastGeneration = new AtomicLong();

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
        generations.computeIfAbsent(identity, id -> nextGeneration());
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

    /**
     * The identity's generation id, which tells apart identities of one id deleted and created again; the hub stamps
     * telemetry with it ({@code iothub-connection-auth-generation-id}).
     */
    public String generationId(Identity identity) {
        get(identity);
        return generations.get(identity);
    }

    /** Removes an identity (and a device's modules). */
    public void remove(Identity identity) {
        identities.keySet().removeIf(key -> key.equals(identity)
                || !identity.isModule() && key.isModule() && key.deviceId().equals(identity.deviceId()));
        generations.keySet().retainAll(identities.keySet());
    }

    /** All identities, ordered by client id. */
    public List<RegisteredIdentity> all() {
        return identities.values().stream()
                .sorted(Comparator.comparing((RegisteredIdentity entry) -> entry.identity().clientId()))
                .toList();
    }

    /**
     * Like IoT Hub's, a decimal number that grows with time: .NET ticks (100 ns since 0001-01-01) of its creation,
     * made unique within this registry. The hub's exact scheme is not documented.
     */
    private String nextGeneration() {
        long ticks = System.currentTimeMillis() * TICKS_PER_MILLI + TICKS_AT_UNIX_EPOCH;
        return Long.toString(lastGeneration.updateAndGet(last -> Math.max(last + 1, ticks)));
    }

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
