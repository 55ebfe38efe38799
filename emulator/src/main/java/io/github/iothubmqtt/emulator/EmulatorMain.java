package io.github.iothubmqtt.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

import io.github.iothubmqtt.protocol.Identity;

/** {@code java -jar iothub-emulator.jar --device ID …}: runs the emulator until interrupted. */
public final class EmulatorMain {

    private static final String USAGE = """
            Usage: java -jar iothub-emulator.jar [options]
              --device ID           register a device (ID) or a module (DEVICE/MODULE) with generated keys; repeatable
              --devices FILE        register the identities of a JSON registry file
              --mqtt-port N         MQTT over TLS port (default 8883; 0 = any free port; -1 = off)
              --ws-port N           MQTT over WebSocket (wss, path /$iothub/websocket) port (default 443)
              --http-port N         HTTP service API port (default 8080)
              --bind HOST           interface the HTTP API listens on (default 127.0.0.1; 0.0.0.0 = all);
                                    it has no authentication. MQTT listens on all interfaces
              --ca-out FILE         where to write the CA certificate PEM (default iothub-emulator-ca.pem)
              --host-name NAME      IoT Hub host name in connection strings and SAS audiences
                                    (default emulator.azure-devices.net); localhost suits clients
                                    that have no gateway setting
              --gateway-host NAME   host devices connect to, GatewayHostName (default localhost); when it equals
                                    --host-name, connection strings carry no GatewayHostName
              --cert FILE --key FILE  use this server certificate chain and key (PEM) instead of a generated CA
              --dps-port N          Device Provisioning Service (MQTT over TLS) port (default -1 = off)
              --id-scope SCOPE      the DPS ID scope (default 0ne00000000)
              --enrollments FILE    DPS individual enrollments and enrollment groups (JSON); repeatable
              --edge-routes FILE    edge mode: act as an edgeHub routing modules' outputs by the routes of FILE
                                    (JSON like the $edgeHub twin's desired properties or a deployment manifest)
              --x509-device ID      register a device that authenticates with a certificate the emulator's CA issues;
                                    writes ID-cert.pem and ID-key.pem next to the CA certificate; repeatable
              --ready-file FILE     once started, also write the ports, the CA path and the connection strings to FILE
                                    (Java properties), for programs that launch the emulator
              --help                print this text
            Prints one 'connection-string: …' line per identity, one 'x509-device: …' line per --x509-device
            and 'ca: <path>'.
            """;

    private EmulatorMain() {
    }

    /**
     * Vert.x logs at ERROR, with no handler to take it over, every connection that sends bytes no decoder accepts
     * before CONNECT: client garbage, not an emulator error. The standalone jar's logger (slf4j-simple) drops them.
     */
    private static final String CONNECTION_ERRORS_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.vertx.core.net.impl.ConnectionBase";

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty(CONNECTION_ERRORS_LOG_LEVEL) == null) {
            System.setProperty(CONNECTION_ERRORS_LOG_LEVEL, "off");
        }
        IotHubEmulator.Builder builder = IotHubEmulator.builder()
                .caCertificateOut(Path.of("iothub-emulator-ca.pem"));
        List<Identity> identities = new ArrayList<>();
        Path cert = null;
        Path key = null;
        Path readyFile = null;
        List<String> x509Devices = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    System.out.print(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--device" -> identities.add(Identity.fromClientId(value));
                    case "--devices" -> builder.devicesFile(Path.of(value));
                    case "--mqtt-port" -> builder.mqttPort(port(option, value));
                    case "--ws-port" -> builder.webSocketPort(port(option, value));
                    case "--http-port" -> builder.httpPort(port(option, value));
                    case "--bind" -> builder.httpBindHost(value);
                    case "--ca-out" -> builder.caCertificateOut(Path.of(value));
                    case "--host-name" -> builder.hubHostName(value);
                    case "--gateway-host" -> builder.gatewayHostName(value);
                    case "--cert" -> cert = Path.of(value);
                    case "--key" -> key = Path.of(value);
                    case "--dps-port" -> builder.dpsPort(port(option, value));
                    case "--id-scope" -> builder.idScope(value);
                    case "--enrollments" -> builder.enrollmentsFile(Path.of(value));
                    case "--edge-routes" -> builder.edgeRoutes(Path.of(value));
                    case "--ready-file" -> readyFile = Path.of(value);
                    case "--x509-device" -> x509Devices.add(value);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if ((cert == null) != (key == null)) {
                throw new IllegalArgumentException("--cert and --key go together");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (cert != null) {
            builder.serverCertificate(cert, key);
        }
        for (Identity identity : identities) {
            if (identity.isModule()) {
                builder.device(identity.deviceId()).module(identity.deviceId(), identity.moduleId());
            } else {
                builder.device(identity.deviceId());
            }
        }
        IotHubEmulator hub = null;
        try {
            hub = builder.start();
            Map<String, X509DeviceFiles> x509Files = new TreeMap<>();
            for (String deviceId : x509Devices) {
                x509Files.put(deviceId, X509DeviceFiles.register(hub, deviceId));
            }
            printEndpoints(hub, x509Files);
            if (readyFile != null) {
                ReadyFile.write(hub, x509Files, readyFile);
            }
        } catch (RuntimeException | Error e) {
            // a half-started emulator would keep running on its Vert.x threads: stop it, say why, and exit
            if (hub != null) {
                hub.close();
            }
            System.err.println("error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            System.exit(1);
            return;
        }
        IotHubEmulator started = hub;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.close();
            stopped.countDown();
        }, "iothub-emulator-shutdown"));
        stopped.await();
    }

    private static void printEndpoints(IotHubEmulator hub, Map<String, X509DeviceFiles> x509Files) {
        System.out.println("hub: " + hub.hubHostName());
        System.out.println("mqtt: " + describe(hub.mqttPort()) + "  websocket: " + describe(hub.webSocketPort())
                + "  http: " + describe(hub.httpPort()));
        if (hub.dpsPort() != IotHubEmulator.OFF) {
            System.out.println("dps: " + hub.dpsPort() + "  id-scope: " + hub.provisioning().idScope());
        }
        for (RegisteredIdentity entry : hub.registry().all()) {
            System.out.println("connection-string: " + hub.connectionString(entry.identity()));
        }
        x509Files.forEach((deviceId, files) -> System.out.println("x509-device: " + deviceId + "  certificate: "
                + files.certificate() + "  key: " + files.key()));
        System.out.println("ca: " + hub.caCertificatePath());
        System.out.flush();
    }

    private static String describe(int port) {
        return port == IotHubEmulator.OFF ? "off" : Integer.toString(port);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < -1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " " + value + ": a port is 0-65535, or -1 for off");
        }
    }
}
