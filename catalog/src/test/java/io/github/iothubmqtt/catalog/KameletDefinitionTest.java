package io.github.iothubmqtt.catalog;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.camel.tooling.model.ComponentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kamelets as packaged (after resource filtering) are well-formed Kamelet resources that tools can list and run. */
class KameletDefinitionTest {

    private static final Pattern TEMPLATE_PARAMETER = Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)}}");
    private static final ComponentModel COMPONENT = new ComponentCatalog().component();

    static Stream<Path> kamelets() throws IOException, URISyntaxException {
        Path directory = Path.of(Objects.requireNonNull(KameletDefinitionTest.class.getResource("/kamelets")).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".kamelet.yaml")).sorted().toList().stream();
        }
    }

    @Test
    void theModuleShipsTheKamelets() throws Exception {
        assertThat(kamelets().map(file -> file.getFileName().toString())).containsExactly(
                "iothub-c2d-source.kamelet.yaml", "iothub-desired-properties-source.kamelet.yaml",
                "iothub-direct-method-source.kamelet.yaml", "iothub-reported-properties-sink.kamelet.yaml",
                "iothub-telemetry-sink.kamelet.yaml");
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void isAKameletResourceNamedAfterItsFile(Path file) throws IOException {
        Map<String, Object> kamelet = load(file);
        String name = file.getFileName().toString().replace(".kamelet.yaml", "");

        assertThat(kamelet).containsEntry("apiVersion", "camel.apache.org/v1").containsEntry("kind", "Kamelet");
        assertThat(map(kamelet, "metadata")).containsEntry("name", name);
        assertThat(map(map(kamelet, "metadata"), "labels"))
                .containsEntry("camel.apache.org/kamelet.type", name.substring(name.lastIndexOf('-') + 1));
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void marksTheConnectionStringAsARequiredSecret(Path file) throws IOException {
        Map<String, Object> definition = map(map(load(file), "spec"), "definition");
        Map<String, Object> connectionString = map(map(definition, "properties"), "connectionString");

        assertThat(definition).containsKeys("title", "description");
        assertThat(list(definition, "required")).contains("connectionString");
        assertThat(connectionString).containsEntry("format", "password");
        assertThat(list(connectionString, "x-descriptors")).contains("urn:camel:group:credentials");
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void usesOnlyDeclaredPropertiesInItsTemplate(Path file) throws IOException {
        Map<String, Object> spec = map(load(file), "spec");
        Map<String, Object> properties = map(map(spec, "definition"), "properties");
        Matcher used = TEMPLATE_PARAMETER.matcher(spec.get("template").toString());

        while (used.find()) {
            assertThat(properties).as("template parameter of %s", file.getFileName()).containsKey(used.group(1));
        }
        assertThat(properties).containsKeys(list(map(spec, "definition"), "required").toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("kamelets")
    void dependsOnTheComponentOfThisBuild(Path file) throws IOException {
        String component = "mvn:" + COMPONENT.getGroupId() + ":" + COMPONENT.getArtifactId() + ":" + COMPONENT.getVersion();

        assertThat(list(map(load(file), "spec"), "dependencies")).contains(component, "camel:kamelet");
    }

    /** The compact YAML DSL form ({@code - to: "uri"}) logs warnings in newer Camel; steps must be maps. */
    @ParameterizedTest
    @MethodSource("kamelets")
    void writesItsTemplateInTheCanonicalYamlDsl(Path file) throws IOException {
        Map<String, Object> from = map(map(map(load(file), "spec"), "template"), "from");

        assertThat(from).containsKeys("uri", "steps");
        for (Object step : list(from, "steps")) {
            assertThat((Map<?, ?>) step).hasSize(1)
                    .allSatisfy((kind, definition) -> assertThat(definition).as("step %s", kind).isInstanceOf(Map.class));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return (List<String>) parent.get(key);
    }
}
