package io.github.iothubmqtt.camel.quarkus.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application: the runner jar, or the native executable with -Dnative. */
@QuarkusIntegrationTest
class DeviceRoutesIT extends DeviceRoutesTest {
}
