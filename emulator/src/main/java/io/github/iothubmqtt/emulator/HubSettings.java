package io.github.iothubmqtt.emulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How an emulator is set up. Ports: 0 = any free port, -1 = listener off.
 *
 * @param hubHostName host name in connection strings, user names and SAS audiences
 * @param gatewayHostName host devices connect to (GatewayHostName in connection strings)
 * @param bindHost interface the listeners bind
 * @param caOut where the CA certificate PEM is written; null = a fresh temporary file
 * @param serverCertificateChain the user's own server certificate chain (PEM), or null to generate one
 * @param serverPrivateKey the key of that certificate (PEM), or null
 */
record HubSettings(String hubHostName, String gatewayHostName, String bindHost, int mqttPort, int webSocketPort,
        int httpPort, Duration c2dLockTimeout, int c2dMaxDeliveryCount, Duration c2dTimeToLive,
        int telemetryCapacity, Path caOut, Path serverCertificateChain, Path serverPrivateKey) {

    static final int OFF = -1;
}
