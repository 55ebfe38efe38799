package io.github.iothubmqtt.protocol;

import java.nio.charset.StandardCharsets;

/** UTF-8 of text that has it: {@code getBytes(UTF_8)} silently writes an unpaired surrogate as '?', which reads back as another text. */
final class Utf8 {

    private Utf8() {
    }

    /** The text's UTF-8 bytes; {@code what} names the text in the refusal of one with an unpaired surrogate. */
    static byte[] bytes(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(text.charAt(i))) {
                throw new IllegalArgumentException(
                        what + ": character " + (i + 1) + " is an unpaired surrogate, which has no UTF-8 form");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
