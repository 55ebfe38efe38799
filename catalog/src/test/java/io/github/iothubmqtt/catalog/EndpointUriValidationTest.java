package io.github.iothubmqtt.catalog;

import java.util.List;
import java.util.stream.Stream;

import org.apache.camel.catalog.EndpointValidationResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Camel's own catalog, loaded with the descriptor this module ships, accepts every endpoint URI the project shows its
 * users: in the README, the docs, the examples and the Kamelets.
 */
class EndpointUriValidationTest {

    private static final ComponentCatalog CATALOG = new ComponentCatalog();
    /** All but the syntax line ({@code iothub-mqtt:kind}) that reference docs show. */
    private static final List<EndpointUri> URIS = RepositoryEndpointUris.find().stream()
            .filter(uri -> !uri.uri().equals(CATALOG.component().getSyntax()))
            .toList();

    @TestFactory
    Stream<DynamicTest> everyUriInTheRepositoryValidates() {
        return URIS.stream().map(uri -> dynamicTest(uri.toString(), () -> {
            EndpointValidationResult result = CATALOG.validate(ResolvedUri.resolve(uri.uri(), CATALOG.component()));
            assertThat(result.isSuccess()).as(() -> uri + ": " + result.summaryErrorMessage(false)).isTrue();
        }));
    }

    @Test
    void theScanSeesEveryKamelet() {
        assertThat(URIS).extracting(EndpointUri::origin).contains(
                "catalog/src/main/resources/kamelets/iothub-telemetry-sink.kamelet.yaml",
                "catalog/src/main/resources/kamelets/iothub-c2d-source.kamelet.yaml",
                "catalog/src/main/resources/kamelets/iothub-desired-properties-source.kamelet.yaml",
                "catalog/src/main/resources/kamelets/iothub-direct-method-source.kamelet.yaml",
                "catalog/src/main/resources/kamelets/iothub-reported-properties-sink.kamelet.yaml");
    }

    @Test
    void theCatalogIsApacheCamels4_18WithOurComponent() {
        assertThat(CATALOG.catalogVersion()).startsWith("4.18.");
        assertThat(CATALOG.component().getScheme()).isEqualTo("iothub-mqtt");
    }

    @Test
    void anUnknownOptionFails() {
        EndpointValidationResult result = CATALOG.validate("iothub-mqtt:telemetry?qos=0&bogusOption=1");

        assertThat(result.isSuccess()).isFalse();
        assertThat(result.getUnknown()).containsExactly("bogusOption");
    }

    @Test
    void anUnknownKindFails() {
        assertThat(CATALOG.validate("iothub-mqtt:telemtry").isSuccess()).isFalse();
    }

    @Test
    void aLiteralValueOfTheWrongTypeFails() {
        EndpointValidationResult result = CATALOG.validate("iothub-mqtt:telemetry?qos=2&keepAlive=often");

        assertThat(result.getInvalidEnum()).containsKey("qos");
        assertThat(result.getInvalidInteger()).containsKey("keepAlive");
    }
}
