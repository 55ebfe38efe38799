package io.github.iothubmqtt.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The property bag that ends telemetry and C2D topics: {@code name=value&name2=value2}, each part percent-encoded
 * as UTF-8. Everything outside {@code A-Z a-z 0-9 - . _ ~} is encoded, with upper-case hex as the hub writes it;
 * a space is {@code %20}, never {@code +}, because a raw space or {@code +} makes the hub drop the connection.
 */
public final class PropertyBag {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PropertyBag() {
    }

    /** Encodes the properties in iteration order; a {@code null} value gives a key-only item. */
    public static String encode(Map<String, String> properties) {
        StringBuilder bag = new StringBuilder();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getKey() == null || property.getKey().isEmpty()) {
                throw new IllegalArgumentException("property name is empty: IoT Hub needs a name for every property");
            }
            if (bag.length() > 0) {
                bag.append('&');
            }
            bag.append(encodeComponent(property.getKey()));
            if (property.getValue() != null) {
                bag.append('=').append(encodeComponent(property.getValue()));
            }
        }
        return bag.toString();
    }

    /**
     * Decodes a bag. {@code $.x} and {@code %24.x} read alike; {@code key} alone gives a {@code null} value,
     * {@code key=} an empty one. Raw spaces, {@code +}, {@code #} and broken escapes are rejected as the hub does.
     */
    public static LinkedHashMap<String, String> decode(String bag) {
        LinkedHashMap<String, String> properties = new LinkedHashMap<>();
        if (bag == null || bag.isEmpty()) {
            return properties;
        }
        for (String item : bag.split("&", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            String name = decodeComponent(equals < 0 ? item : item.substring(0, equals));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("property bag item " + ClientText.quote(item) + " has no name");
            }
            properties.put(name, equals < 0 ? null : decodeComponent(item.substring(equals + 1)));
        }
        return properties;
    }

    /** Percent-encodes one name or value as UTF-8; text with an unpaired surrogate has no UTF-8 form and is refused. */
    public static String encodeComponent(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        for (byte b : Utf8.bytes(text, "percent-encoded text")) {
            int c = b & 0xFF;
            if (isUnreserved(c)) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
            }
        }
        return encoded.toString();
    }

    /** Percent-decodes one name or value; the bytes must be valid UTF-8. */
    public static String decodeComponent(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException(ClientText.quote(text) + " ends in an incomplete %-escape");
                }
                int high = hexDigit(text.charAt(i + 1));
                int low = hexDigit(text.charAt(i + 2));
                if (high < 0 || low < 0) {
                    throw new IllegalArgumentException(ClientText.quote(text) + " has an invalid %-escape at position " + i);
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c == ' ' || c == '+' || c == '#') {
                throw new IllegalArgumentException(ClientText.quote(text) + " contains a raw '" + c
                        + "': IoT Hub closes the connection; percent-encode it (a space is %20)");
            } else if (c > 0x7F) {
                throw new IllegalArgumentException(ClientText.quote(text) + " contains the non-ASCII character '" + c
                        + "': percent-encode it as UTF-8");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(ClientText.quote(text) + " does not decode to valid UTF-8", e);
        }
    }

    /** The value of an ASCII hex digit, or -1: Character.digit would also take other scripts' digits and letters. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
