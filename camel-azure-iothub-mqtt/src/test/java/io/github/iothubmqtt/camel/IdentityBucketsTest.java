package io.github.iothubmqtt.camel;

import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How identities map to cluster namespaces: the same in every replica, evenly spread, valid names only. */
class IdentityBucketsTest {

    private static final int BUCKETS = 16;
    private static final int IDENTITIES = 10_000;

    private final IdentityOwnership ownership = new IdentityOwnership(null, "iothub-mqtt", BUCKETS, null, null, () -> {
    });

    @Test
    void anIdentityHasTheSameBucketInEveryReplica() {
        CRC32 crc = new CRC32();
        crc.update("hub.azure-devices.net/device-1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ownership.bucketOf("hub.azure-devices.net/device-1")).isEqualTo((int) (crc.getValue() % BUCKETS));
        assertThat(ownership.namespace(ownership.bucketOf("hub.azure-devices.net/device-1")))
                .matches("iothub-mqtt-[0-9]+");
    }

    @Test
    void numberedDevicesSpreadEvenlyOverTheBuckets() {
        int[] counts = new int[BUCKETS];
        for (int i = 0; i < IDENTITIES; i++) {
            counts[ownership.bucketOf("hub.azure-devices.net/device-" + i)]++;
        }
        int mean = IDENTITIES / BUCKETS;
        for (int count : counts) {
            assertThat(count).isBetween(mean * 8 / 10, mean * 12 / 10);
        }
    }

    @Test
    void refusesNamespacesThatAreNotFileNamesZooKeeperPathsAndLeaseNames() {
        IotHubMqttComponent component = new IotHubMqttComponent();
        assertThatThrownBy(() -> component.setClusterNamespace("iothub/mqtt")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdentityOwnership(null, "iothub-mqtt", 0, null, null, () -> {
        }))
                .isInstanceOf(IllegalArgumentException.class);
        component.setClusterNamespace("gateway-2");
        assertThat(component.getClusterNamespace()).isEqualTo("gateway-2");
    }
}
