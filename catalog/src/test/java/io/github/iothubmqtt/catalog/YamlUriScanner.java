package io.github.iothubmqtt.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Finds endpoint URIs in YAML routes and Kamelets. In the canonical YAML DSL the options sit in a {@code parameters}
 * map next to {@code uri}, so a text search would miss them: this reads the YAML and joins the two.
 */
final class YamlUriScanner {

    private YamlUriScanner() {
    }

    static List<EndpointUri> scan(String yaml, String origin) {
        List<EndpointUri> found = new ArrayList<>();
        new Load(LoadSettings.builder().build()).loadAllFromString(yaml)
                .forEach(document -> collect(document, origin, found));
        return found;
    }

    private static void collect(Object node, String origin, List<EndpointUri> found) {
        if (node instanceof Map<?, ?> map) {
            if (map.get("uri") instanceof String uri && uri.startsWith(EndpointUri.SCHEME)) {
                found.add(new EndpointUri(withParameters(uri, map.get("parameters")), origin));
                map.forEach((key, value) -> {
                    if (!"uri".equals(key) && !"parameters".equals(key)) {
                        collect(value, origin, found);
                    }
                });
            } else {
                map.values().forEach(value -> collect(value, origin, found));
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, origin, found));
        } else if (node instanceof String text && text.startsWith(EndpointUri.SCHEME)) {
            found.add(new EndpointUri(text, origin));
        }
    }

    /** Appends the parameters as the YAML DSL does; values go through RAW() so that none is mangled on the way. */
    private static String withParameters(String uri, Object parameters) {
        if (!(parameters instanceof Map<?, ?> map) || map.isEmpty()) {
            return uri;
        }
        String query = map.entrySet().stream()
                .map(option -> option.getKey() + "=RAW(" + option.getValue() + ")")
                .collect(Collectors.joining("&"));
        return uri + (uri.contains("?") ? "&" : "?") + query;
    }
}
