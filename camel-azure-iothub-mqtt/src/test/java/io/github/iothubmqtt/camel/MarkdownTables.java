package io.github.iothubmqtt.camel;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The options and headers tables of {@code docs/reference.md}, rendered from the component's JSON descriptor. Used
 * (and drift-checked) by {@link ComponentDocsTest}, next to the AsciiDoc tables rendered from the same descriptor.
 */
final class MarkdownTables {

    /** Javadoc's {@code {@code x}} arrives in the descriptor as {@code {code x}}. */
    private static final Pattern CODE = Pattern.compile("\\{@?code ((?:[^{}]|\\{[^{}]*})*)}");

    private MarkdownTables() {
    }

    static String of(JsonNode descriptor) {
        return "\n## Endpoint options\n\n" + optionTable(descriptor.get("properties"))
                + "\n## Component options\n\nSet on the component (`camel.component.iothub-mqtt.<option>` in"
                + " application.properties, kebab-case also works); every endpoint starts from these values and may"
                + " override them.\n\n" + optionTable(descriptor.get("componentProperties"))
                + "\n## Message headers\n\n" + headerTable(descriptor.get("headers")) + "\n";
    }

    private static String optionTable(JsonNode options) {
        StringBuilder table = new StringBuilder(
                "| Option | Group | Default | Type | Description |\n| --- | --- | --- | --- | --- |\n");
        for (Map.Entry<String, JsonNode> option : options.properties()) {
            JsonNode value = option.getValue();
            String flags = (value.path("kind").asText().equals("path") ? " (path)" : "")
                    + (value.path("required").asBoolean() ? " *required*" : "")
                    + (value.path("secret").asBoolean() ? " *secret*" : "");
            String defaultValue = value.path("defaultValue").asText();
            table.append("| `").append(option.getKey()).append('`').append(flags)
                    .append(" | ").append(value.path("group").asText())
                    .append(" | ").append(defaultValue.isEmpty() ? "" : "`" + defaultValue + "`")
                    .append(" | ").append(type(value))
                    .append(" | ").append(cell(value.path("description").asText())).append(ComponentDocsTest.enums(value))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String headerTable(JsonNode headers) {
        StringBuilder table = new StringBuilder("| Header | Group | Type | Java constant | Description |\n"
                + "| --- | --- | --- | --- | --- |\n");
        for (Map.Entry<String, JsonNode> header : headers.properties()) {
            JsonNode value = header.getValue();
            String constant = value.path("constantName").asText();
            table.append("| `").append(header.getKey()).append('`')
                    .append(" | ").append(value.path("group").asText())
                    .append(" | ").append(simpleName(value.path("javaType").asText()))
                    .append(" | `").append(simpleName(constant).replace('#', '.')).append('`')
                    .append(" | ").append(cell(value.path("description").asText()))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String type(JsonNode option) {
        if ("duration".equals(option.path("type").asText())) {
            return "duration (ms)";
        }
        return simpleName(option.path("javaType").asText());
    }

    /** {@code io.github.iothubmqtt.camel.JsonBodyType} → {@code JsonBodyType}; {@code java.lang.String} → {@code String}. */
    private static String simpleName(String javaType) {
        int dot = javaType.lastIndexOf('.');
        return dot < 0 ? javaType : javaType.substring(dot + 1);
    }

    private static String cell(String text) {
        Matcher code = CODE.matcher(text);
        String withCode = code.replaceAll(m -> Matcher.quoteReplacement("`" + m.group(1) + "`"));
        return withCode.replace("|", "\\|").replace("\n", " ");
    }
}
