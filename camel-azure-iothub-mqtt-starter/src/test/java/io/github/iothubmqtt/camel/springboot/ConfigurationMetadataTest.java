package io.github.iothubmqtt.camel.springboot;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an IDE completes for camel.component.iothub-mqtt.* (the metadata Spring Boot's processor wrote) says what the
 * component's descriptor says: every option, with its description and default (durations in milliseconds in both).
 */
class ConfigurationMetadataTest {

    private static final String PREFIX = "camel.component.iothub-mqtt.";

    @Test
    void everyComponentOptionHasTheDescriptorsDescriptionAndDefault() throws IOException {
        JsonNode options = read("META-INF/io/github/iothubmqtt/camel/iothub-mqtt.json").get("componentProperties");
        Map<String, JsonNode> metadata = new HashMap<>();
        read("META-INF/spring-configuration-metadata.json").get("properties")
                .forEach(property -> metadata.put(property.get("name").asText(), property));

        assertThat(options.size()).isGreaterThan(40);
        options.properties().forEach(option -> {
            JsonNode descriptor = option.getValue();
            JsonNode property = metadata.get(PREFIX + dashed(option.getKey()));
            assertThat(property).as(option.getKey()).isNotNull();
            assertThat(property.get("description").asText()).as(option.getKey())
                    .startsWith(descriptor.get("description").asText());
            if (descriptor.hasNonNull("defaultValue")) {
                assertThat(property.path("defaultValue").asText()).as(option.getKey())
                        .isEqualToIgnoringCase(descriptor.get("defaultValue").asText());
            }
        });
        assertThat(metadata.get(PREFIX + "request-timeout").get("type").asText()).isEqualTo("java.time.Duration");
        assertThat(metadata.get(PREFIX + "ssl-context-parameters").get("description").asText())
                .endsWith("The option is a org.apache.camel.support.jsse.SSLContextParameters type: refer to a bean as #name.");
    }

    private static String dashed(String name) {
        return name.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
