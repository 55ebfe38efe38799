package io.github.iothubmqtt.emulator;

import java.time.Duration;

/**
 * The settings the running hub consults.
 *
 * @param hubHostName host name in connection strings, user names and SAS audiences
 * @param gatewayHostName host devices connect to (GatewayHostName in connection strings)
 */
record HubSettings(String hubHostName, String gatewayHostName, Duration c2dLockTimeout, int c2dMaxDeliveryCount,
        Duration c2dTimeToLive, int telemetryCapacity) {
}
