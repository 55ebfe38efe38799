package io.github.iothubmqtt.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits an endpoint query into options as Camel reads it: a {@code RAW(...)} value is taken verbatim up to the
 * {@code )} that ends the option, so it may hold {@code &}, {@code =} and {@code ;}. An unterminated {@code RAW(...}
 * (the rest of the value was concatenated in code) is kept as written.
 */
final class QueryOptions {

    private static final String RAW = "RAW(";

    private QueryOptions() {
    }

    static Map<String, String> parse(String query) {
        Map<String, String> options = new LinkedHashMap<>();
        int position = 0;
        while (position < query.length()) {
            int equals = query.indexOf('=', position);
            int ampersand = query.indexOf('&', position);
            if (equals < 0 || (ampersand >= 0 && ampersand < equals)) {
                int end = ampersand < 0 ? query.length() : ampersand;
                options.put(query.substring(position, end), "");
                position = end + 1;
                continue;
            }
            String name = query.substring(position, equals);
            int valueStart = equals + 1;
            int end = query.startsWith(RAW, valueStart) ? rawEnd(query, valueStart) : nextAmpersand(query, valueStart);
            String value = query.substring(valueStart, end);
            options.put(name, value.startsWith(RAW) && value.endsWith(")")
                    ? value.substring(RAW.length(), value.length() - 1)
                    : value);
            position = end + 1;
        }
        return options;
    }

    private static int rawEnd(String query, int valueStart) {
        int close = query.indexOf(")&", valueStart);
        return close >= 0 ? close + 1 : query.length();
    }

    private static int nextAmpersand(String query, int from) {
        int ampersand = query.indexOf('&', from);
        return ampersand < 0 ? query.length() : ampersand;
    }
}
