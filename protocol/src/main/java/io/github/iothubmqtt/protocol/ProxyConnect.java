package io.github.iothubmqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The HTTP CONNECT exchange that opens a tunnel through an HTTP proxy (RFC 9110 §9.3.6): the request, and the proxy's
 * answer. The answer's head is taken byte by byte up to its blank line and never past it, since the bytes after it
 * already belong to the tunnel; a head longer than {@value #MAX_HEAD_BYTES} bytes is refused, so an endless header
 * of a hostile proxy cannot grow memory. Only Basic proxy authentication is offered. No I/O.
 */
public final class ProxyConnect {

    /** The most an answer's head (status line and headers) may take. */
    public static final int MAX_HEAD_BYTES = 8192;
    public static final int PROXY_AUTHENTICATION_REQUIRED = 407;
    /** How much of a proxy's reason phrase an error message quotes. */
    private static final int MAX_REASON_CHARS = 80;

    private ProxyConnect() {
    }

    /** The proxy's status line: a status in 200..299 opens the tunnel, any other refuses it. */
    public record Answer(int status, String reason) {

        public boolean tunnelOpened() {
            return status >= 200 && status < 300;
        }

        /** As an error message shows it, e.g. {@code 407 Proxy Authentication Required}. */
        @Override
        public String toString() {
            return reason.isEmpty() ? Integer.toString(status) : status + " " + reason;
        }
    }

    /**
     * Checks a proxy's address and Basic credentials before they are used; the message names the option, never the
     * password. A user name without password is allowed (an empty password).
     */
    public static void check(String host, int port, String username, String password) {
        if (host == null || host.isBlank() || !isPrintable(host) || host.contains(" ")) {
            throw new IllegalArgumentException("the proxy host must be a host name or address, was '" + printable(host) + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the proxy port must be 1 to 65535, was " + port);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a proxy password needs a proxy user name");
        }
        if (username != null && (username.isEmpty() || username.indexOf(':') >= 0 || !isPrintable(username))) {
            throw new IllegalArgumentException("the proxy user name must be non-empty, without ':' or control characters"
                    + " (Basic authentication, RFC 7617)");
        }
        if (password != null && !isPrintable(password)) {
            throw new IllegalArgumentException("the proxy password must not hold control characters");
        }
    }

    /**
     * The CONNECT request for {@code host:port}, with Basic credentials when a user name is given.
     *
     * @throws IllegalArgumentException when the target or the credentials cannot be sent (see {@link #check})
     */
    public static byte[] request(String host, int port, String username, String password) {
        check(host, port, username, password);
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder(128).append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (username != null) {
            String credentials = username + ":" + (password == null ? "" : password);
            request.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Collects the head of a proxy's answer, one byte at a time. Not thread-safe. */
    public static final class Head {

        private final byte[] bytes = new byte[MAX_HEAD_BYTES];
        private int length;
        private boolean complete;

        /**
         * Adds the next byte of the answer; true when it ended the head (a blank line, CRLF or a bare LF), and then
         * {@link #answer()} reads it. Nothing may be added after that.
         *
         * @throws IllegalArgumentException when the head grows past {@value #MAX_HEAD_BYTES} bytes
         */
        public boolean add(int b) {
            if (complete) {
                throw new IllegalStateException("the head is complete");
            }
            if (length == MAX_HEAD_BYTES) {
                throw new IllegalArgumentException("the proxy's answer has no end of its head within " + MAX_HEAD_BYTES
                        + " bytes");
            }
            bytes[length++] = (byte) b;
            complete = b == '\n' && (endsWith("\n\n") || endsWith("\n\r\n"));
            return complete;
        }

        private boolean endsWith(String end) {
            if (length < end.length()) {
                return false;
            }
            for (int i = 0; i < end.length(); i++) {
                if (bytes[length - end.length() + i] != end.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The status line of the complete head.
         *
         * @throws IllegalArgumentException when it is not {@code HTTP/1.x NNN reason}
         */
        public Answer answer() {
            if (!complete) {
                throw new IllegalStateException("the head is not complete");
            }
            return parseStatusLine(new String(bytes, 0, length, StandardCharsets.ISO_8859_1).lines().findFirst()
                    .orElse(""));
        }
    }

    private static Answer parseStatusLine(String line) {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ' || !isStatus(line, 9)
                || line.length() > 12 && line.charAt(12) != ' ') {
            throw new IllegalArgumentException("the proxy's answer is not HTTP: '" + printable(line) + "'");
        }
        int status = Integer.parseInt(line.substring(9, 12));
        String reason = line.length() > 13 ? printable(line.substring(13)) : "";
        return new Answer(status, reason);
    }

    private static boolean isStatus(String line, int start) {
        for (int i = start; i < start + 3; i++) {
            if (line.charAt(i) < '0' || line.charAt(i) > '9') {
                return false;
            }
        }
        return line.charAt(start) >= '1';
    }

    private static boolean isPrintable(String text) {
        return text.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** A proxy's text as a message may quote it: control characters as '?', and short. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder(Math.min(text.length(), MAX_REASON_CHARS));
        text.codePoints().limit(MAX_REASON_CHARS).forEach(c -> shown.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
        return text.length() > MAX_REASON_CHARS ? shown + "..." : shown.toString();
    }
}
