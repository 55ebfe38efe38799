package io.github.iothubmqtt.camel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options and headers tables of the component's AsciiDoc and of the Markdown reference ({@code docs/reference.md}
 * at the top of the repository) are generated from the JSON descriptor that the Camel build tools generate from the
 * annotations. This test fails when they drift; {@code -Ddocs.update=true} rewrites them.
 */
class ComponentDocsTest {

    private static final Path DOC = Path.of("src/main/docs/iothub-mqtt-component.adoc");
    private static final Path REFERENCE = Path.of("../docs/reference.md");
    private static final String DESCRIPTOR = "/META-INF/io/github/iothubmqtt/camel/iothub-mqtt.json";
    private static final String START = "// component options: START\n";
    private static final String END = "// component options: END\n";
    private static final String MD_START = "<!-- generated from the component descriptor: START -->\n";
    private static final String MD_END = "<!-- generated from the component descriptor: END -->\n";

    @Test
    void optionsAndHeadersTablesMatchTheDescriptor() throws IOException {
        checkGenerated(DOC, START, END, tables(descriptor()));
    }

    @Test
    void markdownReferenceMatchesTheDescriptor() throws IOException {
        checkGenerated(REFERENCE, MD_START, MD_END, MarkdownTables.of(descriptor()));
    }

    /** Compares the text between the markers with the generated one; rewrites it with {@code -Ddocs.update=true}. */
    private static void checkGenerated(Path file, String startMarker, String endMarker, String expected) throws IOException {
        String doc = Files.readString(file);
        int start = doc.indexOf(startMarker);
        int end = doc.indexOf(endMarker);
        assertThat(start).as("markers in " + file).isNotNegative();
        assertThat(end).as("markers in " + file).isGreaterThan(start);
        String actual = doc.substring(start + startMarker.length(), end);
        if (!expected.equals(actual) && Boolean.getBoolean("docs.update")) {
            Files.writeString(file, doc.substring(0, start + startMarker.length()) + expected + doc.substring(end));
            return;
        }
        assertThat(actual).as(file + " is out of date: run mvn -pl camel-azure-iothub-mqtt verify -Ddocs.update=true")
                .isEqualTo(expected);
    }

    private static JsonNode descriptor() throws IOException {
        try (InputStream json = ComponentDocsTest.class.getResourceAsStream(DESCRIPTOR)) {
            assertThat(json).as(DESCRIPTOR).isNotNull();
            return new ObjectMapper().readTree(json);
        }
    }

    static String tables(JsonNode descriptor) {
        return "== Options\n\n=== Component options\n\n" + optionTable(descriptor.get("componentProperties"))
                + "\n=== Endpoint options\n\n" + optionTable(descriptor.get("properties"))
                + "\n=== Message headers\n\n" + headerTable(descriptor.get("headers"));
    }

    private static String optionTable(JsonNode options) {
        StringBuilder table = new StringBuilder("[width=\"100%\",cols=\"2,5,^1,2\",options=\"header\"]\n|===\n"
                + "| Name | Description | Default | Type\n");
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode value = option.getValue();
            table.append("| *").append(option.getKey()).append("* (").append(value.path("group").asText()).append(")")
                    .append(value.path("secret").asBoolean() ? " secret" : "")
                    .append(value.path("required").asBoolean() ? " required" : "").append('\n')
                    .append("| ").append(cell(value.path("description").asText())).append(enums(value)).append('\n')
                    .append("| ").append(cell(value.path("defaultValue").asText())).append('\n')
                    .append("| ").append(cell(value.path("javaType").asText())).append('\n');
        }
        return table.append("|===\n").toString();
    }

    private static String headerTable(JsonNode headers) {
        StringBuilder table = new StringBuilder("[width=\"100%\",cols=\"2,5,2\",options=\"header\"]\n|===\n"
                + "| Name | Description | Type\n");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            JsonNode value = header.getValue();
            table.append("| *").append(header.getKey()).append("* (").append(value.path("group").asText()).append(")\n")
                    .append("| ").append(cell(value.path("description").asText())).append('\n')
                    .append("| ").append(cell(value.path("javaType").asText())).append('\n');
        }
        return table.append("|===\n").toString();
    }

    /** " Values: `a` `b`" for an option with enumerated values, else nothing; shared by both table formats. */
    static String enums(JsonNode option) {
        if (!option.has("enum")) {
            return "";
        }
        StringBuilder values = new StringBuilder(" Values:");
        option.get("enum").forEach(v -> values.append(" `").append(v.asText()).append('`'));
        return values.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
