package io.github.iothubmqtt.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How URIs are read from the repository's files and made judgeable, before the catalog sees them. */
class UriExtractionTest {

    private static final ComponentCatalog CATALOG = new ComponentCatalog();

    @Test
    void proseYieldsUrisButNotSyntaxTemplatesOrHealthCheckIds() {
        String markdown = """
                Use `iothub-mqtt:kind[?options]` or iothub-mqtt:<hub>; e.g. (iothub-mqtt:twin?operation=getTwin).
                `iothub-mqtt:telemetry?connectionString=RAW(HostName=h;DeviceId=d;SharedAccessKey=k+/=)&qos=0`
                Its health check is iothub-mqtt:myhub.azure-devices.net/device-1, up with iothub-mqtt:status.
                """;

        assertThat(TextUriScanner.scan(markdown, "guide.md")).containsExactly(
                new EndpointUri("iothub-mqtt:twin?operation=getTwin", "guide.md:1"),
                new EndpointUri("iothub-mqtt:telemetry?connectionString=RAW(HostName=h;DeviceId=d;SharedAccessKey=k+/=)"
                        + "&qos=0", "guide.md:2"),
                new EndpointUri("iothub-mqtt:status", "guide.md:3"));
    }

    @Test
    void yamlBlocksInDocumentsAreReadAsYaml() {
        String markdown = """
                Send with `iothub-mqtt:telemetry`:
                ```yaml
                - to:
                    uri: iothub-mqtt:twin
                    parameters:
                      operation: updateReported
                ```
                """;

        assertThat(DocumentUriScanner.scan(markdown, "guide.md")).containsExactly(
                new EndpointUri("iothub-mqtt:twin?operation=RAW(updateReported)", "guide.md:3"),
                new EndpointUri("iothub-mqtt:telemetry", "guide.md:1"));
    }

    @Test
    void javaConcatenationsBecomeRuntimeValues() {
        String source = """
                from("direct:in").to("iothub-mqtt:telemetry?connectionString=RAW(" + hub.connectionString(id) + ")"
                        + "&port=" + port + "&qos=0");
                """;

        assertThat(JavaUriScanner.scan(source, "Routes.java")).extracting(EndpointUri::uri)
                .containsExactly("iothub-mqtt:telemetry?connectionString=RAW({{expression}})&port={{expression}}&qos=0");
    }

    @Test
    void runtimeValuesAreReplacedBySamplesOfTheOptionsType() {
        String written = "iothub-mqtt:telemetry?connectionString=RAW({{device.connectionString}})&qos={{qos}}"
                + "&port=%d&keepAlive=…&sslContextParameters=#tls&bogusOption={{x}}";

        String resolved = ResolvedUri.resolve(written, CATALOG.component());

        assertThat(resolved).isEqualTo("iothub-mqtt:telemetry?connectionString=sample&qos=0&port=1&keepAlive=1"
                + "&sslContextParameters=#tls&bogusOption=RAW({{x}})");
        assertThat(CATALOG.validate(resolved).getUnknown()).containsExactly("bogusOption");
    }
}
