package io.github.iothubmqtt.protocol;

/**
 * Text a client sent, made fit for a log line or an exception message: quoted, control characters escaped (so that
 * a client cannot forge log lines) and cut after {@value #MAX_CHARS} characters (a 64 KB client id is not worth
 * 64 KB of log).
 */
public final class ClientText {

    static final int MAX_CHARS = 128;

    private ClientText() {
    }

    /** {@code 'text'}, escaped and shortened; {@code null} reads {@code null}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("'");
        int shown = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < shown; i++) {
            quoted.append(escape(text.charAt(i)));
        }
        quoted.append('\'');
        if (shown < text.length()) {
            quoted.append("… (").append(text.length()).append(" characters)");
        }
        return quoted.toString();
    }

    /** One character; a control character becomes a Java escape (backslash-n, backslash-t, backslash-u and four hex digits). */
    public static String escape(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c);
        };
    }
}
