package io.github.iothubmqtt.emulator;

import io.github.iothubmqtt.protocol.Identity;

/** Emulators for tests: ephemeral ports, HTTP off unless asked for. */
final class Emulators {

    private Emulators() {
    }

    static IotHubEmulator.Builder ephemeral() {
        return IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(-1).bindHost("127.0.0.1");
    }

    /** Registers a device with generated keys, so that each test has an identity of its own. */
    static Identity newDevice(IotHubEmulator hub, String deviceId) {
        hub.registry().addDevice(deviceId);
        return Identity.device(deviceId);
    }
}
