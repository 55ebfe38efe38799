package io.github.iothubmqtt.camel.quarkus.deployment;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.github.iothubmqtt.camel.quarkus.devservices.EmulatorConnectionStrings;
import io.github.iothubmqtt.camel.quarkus.devservices.EmulatorConnectionStringsConfigBuilder;
import io.quarkus.deployment.IsNormal;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;

/**
 * The Dev Service: in dev and test mode, an application that names no device gets the IoT Hub emulator, with the
 * configured devices registered, and the configuration to reach it: the first device as the component's, every
 * device's connection string (both through the emulator's ready file, {@link EmulatorConnectionStrings}), the port,
 * the emulator's CA as the trust (unless the application names a TLS configuration of its own), and the URL of its
 * cloud side.
 */
class IotHubMqttDevServicesProcessor {

    /** The emulator's HTTP API, the cloud side (C2D messages, twins, direct methods, telemetry received). */
    static final String EMULATOR_URL = "iothub-mqtt.emulator.url";
    /** The path of the emulator's CA certificate (PEM), for a TLS configuration of the application's own. */
    static final String EMULATOR_CA_CERTIFICATE = "iothub-mqtt.emulator.ca-certificate";
    /** An application that names a TLS configuration brings its trust: the emulator's CA is then left to it. */
    private static final String TLS_CONFIGURATION_NAME = "quarkus.iothub-mqtt.tls-configuration-name";

    private static final String COMPONENT_PREFIX = "camel.component.iothub-mqtt.";
    /** Either names a device, so the application has one and needs no emulator. */
    private static final List<String> DEVICE_OPTIONS = List.of(EmulatorConnectionStrings.COMPONENT_CONNECTION_STRING,
            COMPONENT_PREFIX + "id-scope");
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(IotHubMqttDevServicesProcessor.class);

    /** What identifies a running emulator: with the same, a restart of the application keeps it. */
    record EmulatorSettings(List<String> devices, List<String> x509Devices, int port) {
    }

    /** The connection strings reach the application through the ready file, so in every launch mode. */
    @BuildStep
    RunTimeConfigBuilderBuildItem emulatorConnectionStrings() {
        return new RunTimeConfigBuilderBuildItem(EmulatorConnectionStringsConfigBuilder.class);
    }

    @BuildStep(onlyIfNot = IsNormal.class, onlyIf = DevServicesConfig.Enabled.class)
    DevServicesResultBuildItem emulator(IotHubMqttBuildTimeConfig config, DevServicesConfig devServices) {
        IotHubMqttBuildTimeConfig.EmulatorDevService devService = config.devservices();
        if (!devService.enabled()) {
            LOG.debug("Not starting the IoT Hub emulator: quarkus.iothub-mqtt.devservices.enabled is false");
            return null;
        }
        if (namesADevice()) {
            LOG.debug("Not starting the IoT Hub emulator: the application names its device");
            return null;
        }
        EmulatorSettings settings = new EmulatorSettings(devService.devices(), devService.x509Devices().orElse(List.of()),
                devService.port().orElse(0));
        List<String> unknown = settings.x509Devices().stream().filter(id -> !settings.devices().contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("quarkus.iothub-mqtt.devservices.x509-devices names " + unknown
                    + ", which quarkus.iothub-mqtt.devservices.devices does not list");
        }
        Duration startTimeout = devServices.timeout().orElse(DEFAULT_START_TIMEOUT);
        return DevServicesResultBuildItem.<EmulatorProcess>owned()
                .feature(IotHubMqttProcessor.FEATURE)
                .serviceConfig(settings)
                .startable(() -> new EmulatorProcess(settings.devices(), settings.x509Devices(), settings.port(),
                        startTimeout))
                .postStartHook(emulator -> LOG.infof(
                        "Dev Services for iothub-mqtt started the IoT Hub emulator: %s, devices %s (its log: %s)",
                        emulator.getConnectionInfo(), settings.devices(), emulator.logFile()))
                .configProvider(applicationConfig(settings))
                .build();
    }

    private static boolean namesADevice() {
        return DEVICE_OPTIONS.stream().anyMatch(IotHubMqttDevServicesProcessor::isConfigured);
    }

    private static boolean isConfigured(String property) {
        return ConfigProvider.getConfig().getOptionalValue(property, String.class).filter(value -> !value.isBlank())
                .isPresent();
    }

    /** No key among them: connection strings come from the ready file ({@link EmulatorConnectionStrings}). */
    private static Map<String, Function<EmulatorProcess, String>> applicationConfig(EmulatorSettings settings) {
        Map<String, Function<EmulatorProcess, String>> config = new HashMap<>();
        String firstDevice = settings.devices().get(0);
        config.put(EmulatorConnectionStrings.READY_FILE, emulator -> emulator.readyFile().toString());
        config.put(EmulatorConnectionStrings.DEVICE, emulator -> firstDevice);
        config.put(COMPONENT_PREFIX + "port", EmulatorProcess::mqttPort);
        config.put(EMULATOR_CA_CERTIFICATE, EmulatorProcess::caCertificate);
        config.put(EMULATOR_URL, EmulatorProcess::httpUrl);
        for (String device : settings.x509Devices()) {
            String prefix = EmulatorConnectionStrings.DEVICES_PREFIX + device;
            config.put(prefix + ".certificate", emulator -> emulator.x509Certificate(device));
            config.put(prefix + ".key", emulator -> emulator.x509Key(device));
        }
        if (!isConfigured(TLS_CONFIGURATION_NAME)) {
            config.put(COMPONENT_PREFIX + "trust-certificates", emulator -> "file:" + emulator.caCertificate());
            if (settings.x509Devices().contains(firstDevice)) {
                config.put(COMPONENT_PREFIX + "client-certificate",
                        emulator -> "file:" + emulator.x509Certificate(firstDevice));
                config.put(COMPONENT_PREFIX + "client-key", emulator -> "file:" + emulator.x509Key(firstDevice));
            }
        }
        return config;
    }
}
