package io.github.iothubmqtt.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.camel.tooling.model.BaseOptionModel;
import org.apache.camel.tooling.model.ComponentModel;

/**
 * Turns a URI as written into one the catalog can judge: a value only known at run time (a property placeholder, a
 * Java expression concatenated into the string, a format specifier, an ellipsis in prose) is replaced by a sample valid for the option's
 * type, so that validation checks what the text does fix, the option names and literal values. An unknown option
 * keeps its value and still fails.
 */
final class ResolvedUri {

    private static final Pattern RUNTIME_VALUE = Pattern.compile(".*(\\{\\{|\\$\\{|%[sd]|…|\\.\\.\\.).*|RAW\\(.*|");
    private static final Pattern PLAIN_VALUE = Pattern.compile("[A-Za-z0-9._#-]*");

    private ResolvedUri() {
    }

    static String resolve(String uri, ComponentModel component) {
        int question = uri.indexOf('?');
        if (question < 0) {
            return uri;
        }
        Map<String, String> options = QueryOptions.parse(uri.substring(question + 1));
        Map<String, BaseOptionModel> known = component.getEndpointOptions().stream()
                .collect(Collectors.toMap(BaseOptionModel::getName, option -> option));
        Map<String, String> resolved = new LinkedHashMap<>();
        options.forEach((name, value) -> resolved.put(name,
                RUNTIME_VALUE.matcher(value).matches() && known.containsKey(name) ? sample(known.get(name)) : value));
        return uri.substring(0, question + 1) + resolved.entrySet().stream()
                .map(option -> option.getKey() + "=" + escaped(option.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String sample(BaseOptionModel option) {
        return switch (option.getType()) {
            case "enum" -> option.getEnums().get(0);
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            case "duration" -> "1000";
            case "object" -> "#bean";
            default -> "sample";
        };
    }

    private static String escaped(String value) {
        return PLAIN_VALUE.matcher(value).matches() ? value : "RAW(" + value + ")";
    }
}
