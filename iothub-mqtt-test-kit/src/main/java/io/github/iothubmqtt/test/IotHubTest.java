package io.github.iothubmqtt.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the IoT Hub emulator, started once per test run: the devices named here are
 * registered, and the iothub-mqtt component of the CamelContext under test connects to the first of them, trusting the
 * emulator. Works with Camel Test ({@code CamelTestSupport}) and with {@code @SpringBootTest} (through the starter's
 * {@code camel.component.iothub-mqtt.*} properties). The cloud side is an {@link EmulatedHub} parameter, or a Spring
 * bean in a Spring test. In Camel Test, every CamelContext created while the class runs is wired this way, so such
 * classes must not run in parallel; {@link EmulatedHub#configure} points a context at another device.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(IotHubEmulatorExtension.class)
public @interface IotHubTest {

    /** The device ids to register; the component connects as the first. */
    String[] devices();
}
