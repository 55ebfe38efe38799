package io.github.iothubmqtt.camel.quarkus.deployment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Build-time configuration of the iothub-mqtt extension. */
@ConfigMapping(prefix = "quarkus.iothub-mqtt")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface IotHubMqttBuildTimeConfig {

    /** The Dev Service: the IoT Hub emulator, started in dev and test mode. */
    EmulatorDevService devservices();

    interface EmulatorDevService {

        /**
         * Whether the emulator starts in dev and test mode when the application names no device
         * ({@code camel.component.iothub-mqtt.connection-string} and {@code camel.component.iothub-mqtt.id-scope}
         * unset).
         */
        @WithDefault("true")
        boolean enabled();

        /**
         * The device ids the emulator registers. The component connects as the first; each device's connection
         * string is the property {@code iothub-mqtt.devices.<device id>.connection-string}.
         */
        @WithDefault("dev-device")
        List<String> devices();

        /**
         * Which of the devices authenticate with an X.509 certificate, issued by the emulator's CA, instead of keys.
         * Their certificate and key (PEM) are the files {@code iothub-mqtt.devices.<device id>.certificate} and
         * {@code .key} name; when the first device is one of them, they are the component's
         * {@code clientCertificate} and {@code clientKey} (unless the application names a TLS configuration).
         */
        Optional<List<String>> x509Devices();

        /** A fixed MQTT port for the emulator; by default a free port. */
        OptionalInt port();
    }
}
