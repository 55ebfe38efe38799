package io.github.iothubmqtt.camel.quarkus.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The component is built on a newer Camel; here it must run on the Camel that Camel Quarkus 3.33 pins. Update the
 * expected line together with camel-quarkus.version.
 */
@QuarkusTest
class CamelVersionTest {

    @Inject
    CamelContext context;

    @Test
    void runsOnTheCamelThatCamelQuarkusPins() {
        assertThat(context.getVersion()).startsWith("4.18.");
    }
}
