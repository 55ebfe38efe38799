package io.github.iothubmqtt.catalog;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds endpoint URIs in Java sources, where they are often built by concatenation: adjacent string literals are
 * joined, and an expression concatenated between two literals becomes a {@code {{expression}}} placeholder, a value
 * only known at run time. Line numbers would no longer match after joining, so the origin is the file.
 */
final class JavaUriScanner {

    private static final Pattern ADJACENT_LITERALS = Pattern.compile("\"\\s*\\+\\s*\"");
    private static final Pattern EXPRESSION_BETWEEN_LITERALS = Pattern.compile("\"\\s*\\+\\s*[^\";]+?\\s*\\+\\s*\"");

    private JavaUriScanner() {
    }

    static List<EndpointUri> scan(String source, String origin) {
        String joined = ADJACENT_LITERALS.matcher(source).replaceAll("");
        String resolvable = EXPRESSION_BETWEEN_LITERALS.matcher(joined).replaceAll("{{expression}}");
        return TextUriScanner.scan(resolvable, origin).stream()
                .map(uri -> new EndpointUri(uri.uri(), origin))
                .toList();
    }
}
