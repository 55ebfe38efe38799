package io.github.iothubmqtt.emulator;

/** Emulators for tests: ephemeral ports, HTTP off unless asked for. */
final class Emulators {

    private Emulators() {
    }

    static IotHubEmulator.Builder ephemeral() {
        return IotHubEmulator.builder().mqttPort(0).webSocketPort(0).httpPort(-1).bindHost("127.0.0.1");
    }
}
