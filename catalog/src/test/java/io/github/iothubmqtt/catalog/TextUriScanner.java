package io.github.iothubmqtt.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds endpoint URIs in prose and code (Markdown, AsciiDoc, Java). A URI ends where a string literal, a code span or
 * a link ends; a {@code RAW(...)} value is kept whole, as it may contain any character. Syntax templates such as
 * {@code iothub-mqtt:<hub>} or {@code iothub-mqtt:kind[?options]} are not URIs and are not matched, nor is a session's
 * health check id, {@code iothub-mqtt:} and a host name ({@code iothub-mqtt:myhub.azure-devices.net/device-1}).
 */
final class TextUriScanner {

    private static final Pattern URI = Pattern.compile(
            Pattern.quote(EndpointUri.SCHEME) + "(?<path>[A-Za-z][A-Za-z0-9-]*)(?![\\[<{/A-Za-z0-9-]|\\.[A-Za-z0-9])"
                    + "(?:\\?(?<query>(?:RAW\\([^)\"'`\\s]*\\)?|[^\\s\"'`<>()\\[\\]\\\\])*))?");
    private static final String TRAILING_PUNCTUATION = ".,;:";

    private TextUriScanner() {
    }

    static List<EndpointUri> scan(String text, String origin) {
        List<EndpointUri> found = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int line = 0; line < lines.length; line++) {
            Matcher matcher = URI.matcher(lines[line]);
            while (matcher.find()) {
                found.add(new EndpointUri(withoutTrailingPunctuation(matcher.group()), origin + ":" + (line + 1)));
            }
        }
        return found;
    }

    private static String withoutTrailingPunctuation(String uri) {
        int end = uri.length();
        while (TRAILING_PUNCTUATION.indexOf(uri.charAt(end - 1)) >= 0) {
            end--;
        }
        return uri.substring(0, end);
    }
}
