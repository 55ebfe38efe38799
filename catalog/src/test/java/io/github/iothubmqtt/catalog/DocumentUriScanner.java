package io.github.iothubmqtt.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Finds endpoint URIs in Markdown and AsciiDoc. YAML code blocks are read as YAML, so that the options of the
 * canonical DSL ({@code parameters} next to {@code uri}) are checked too; a block that is not whole YAML (a fragment,
 * an ellipsis) and the rest of the document are read as text.
 */
final class DocumentUriScanner {

    private static final Pattern YAML_BLOCK = Pattern.compile(
            "^(?:```ya?ml|\\[source,\\s*ya?ml[^\\]]*]\\R----)\\h*\\R(?<yaml>.*?)^(?:```|----)\\h*$",
            Pattern.MULTILINE | Pattern.DOTALL);

    private DocumentUriScanner() {
    }

    static List<EndpointUri> scan(String document, String origin) {
        List<EndpointUri> found = new ArrayList<>();
        StringBuilder prose = new StringBuilder(document);
        Matcher block = YAML_BLOCK.matcher(document);
        while (block.find()) {
            String blockOrigin = origin + ":" + lineOf(document, block.start("yaml"));
            try {
                found.addAll(YamlUriScanner.scan(block.group("yaml"), blockOrigin));
                blankOut(prose, block.start("yaml"), block.end("yaml"));
            } catch (YamlEngineException notWholeYaml) {
                // left to the text scan below
            }
        }
        found.addAll(TextUriScanner.scan(prose.toString(), origin));
        return found;
    }

    private static int lineOf(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Keeps the line breaks, so that the text scan still reports the right line numbers. */
    private static void blankOut(StringBuilder text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }
}
