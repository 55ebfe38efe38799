package io.github.iothubmqtt.camel;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CamelContext has a cluster service that will not make this replica a leader during the test (its first lock
 * attempt is an hour away). By default the component leaves the identity to the cluster service, so a send fails as
 * not owned; with clusterOwnership=false the cluster service is not the component's business and the identity connects.
 */
class ClusterOwnershipOptOutTest extends EmulatorTestSupport {

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theClusterServiceDecidesOnlyWhenClusterOwnershipIsOn(boolean clusterOwnership) throws Exception {
        Identity device = newDevice("opt-out");
        FileLockClusterService service = new FileLockClusterService();
        service.setId("never-leads");
        service.setRoot(directory.resolve("cluster").toString());
        service.setAcquireLockDelay(1, TimeUnit.HOURS);
        context.addService(service);
        IotHubMqttComponent component = (IotHubMqttComponent) context.getComponent("iothub-mqtt", true, false);
        component.setClusterOwnership(clusterOwnership);
        component.start();

        Exchange sent = template.send(uri("telemetry", device, "notOwnedPolicy=fail"),
                exchange -> exchange.getMessage().setBody("opt-out " + clusterOwnership));

        if (clusterOwnership) {
            assertThat(sent.getException()).isInstanceOf(IdentityNotOwnedException.class);
            assertThat(hub.service().telemetry(device)).isEmpty();
        } else {
            assertThat(sent.getException()).isNull();
            assertThat(hub.service().telemetry(device)).extracting(m -> m.bodyAsString()).containsExactly("opt-out false");
        }
    }
}
