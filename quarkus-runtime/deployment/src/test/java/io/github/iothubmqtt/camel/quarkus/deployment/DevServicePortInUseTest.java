package io.github.iothubmqtt.camel.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** A fixed port that is taken: the application does not start, and says why in the emulator's words. */
class DevServicePortInUseTest {

    private static final ServerSocket TAKEN = takeAPort();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.iothub-mqtt.devservices.port", Integer.toString(TAKEN.getLocalPort()))
            .assertException(failure -> assertThat(innermost(failure))
                    .hasMessageContaining("the IoT Hub emulator exited with code 1")
                    .hasMessageContaining("quarkus.iothub-mqtt.devservices")
                    .hasMessageContaining("port " + TAKEN.getLocalPort()));

    private static Throwable innermost(Throwable failure) {
        Throwable innermost = failure;
        while (innermost.getCause() != null) {
            innermost = innermost.getCause();
        }
        return innermost;
    }

    private static ServerSocket takeAPort() {
        try {
            return new ServerSocket(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void releaseThePort() throws IOException {
        TAKEN.close();
    }

    @Test
    void doesNotStart() {
        fail("the application started although the emulator's port was taken");
    }
}
