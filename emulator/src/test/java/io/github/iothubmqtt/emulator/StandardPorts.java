package io.github.iothubmqtt.emulator;

import java.time.Duration;

/**
 * Starts an emulator on IoT Hub's own ports 8883 and 443, which the device SDKs insist on. Other test runs on the
 * same machine may hold them for a while, so binding is retried for a bounded time.
 */
final class StandardPorts {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private StandardPorts() {
    }

    static IotHubEmulator start(IotHubEmulator.Builder builder) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                return builder.mqttPort(8883).webSocketPort(443).start();
            } catch (PortUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }
}
