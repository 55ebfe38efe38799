package io.github.iothubmqtt.camel;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.apache.camel.CamelContext;

/**
 * Undoes what a Camel {@code Pipe} does to a Kamelet's connection string. The Pipe loader URL-encodes each Kamelet
 * property into the {@code kamelet:} URI, and the Kamelet hands a secret option on inside {@code RAW()}, so the
 * component receives {@code HostName%3D...} or, for a placeholder, {@code %7B%7Bdevice.connectionString%7D%7D}, never
 * resolved. A connection string always has a {@code =}; one without any but with a {@code %} is such an encoded one:
 * it is decoded, and property placeholders in it resolved.
 */
final class PipeEncoding {

    private PipeEncoding() {
    }

    static String connectionString(String value, CamelContext context) {
        if (value == null || value.indexOf('=') >= 0 || value.indexOf('%') < 0) {
            return value;
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // not URL-encoded after all: parsing it says what is wrong
        }
        return decoded.contains("{{") ? context.resolvePropertyPlaceholders(decoded) : decoded;
    }
}
