package io.github.iothubmqtt.emulator;

import org.junit.jupiter.api.AfterAll;

/** A test class sharing one emulator: its {@code @BeforeAll} starts {@link #hub}, which is closed here. */
abstract class EmulatorTest {

    static IotHubEmulator hub;

    @AfterAll
    static void closeEmulator() {
        if (hub != null) {
            hub.close();
            hub = null;
        }
    }
}
