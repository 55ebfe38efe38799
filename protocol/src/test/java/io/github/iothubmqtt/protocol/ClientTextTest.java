package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientTextTest {

    @Test
    void shortTextIsQuotedAsItIs() {
        assertThat(ClientText.quote("devices/d1/messages/events/")).isEqualTo("'devices/d1/messages/events/'");
        assertThat(ClientText.quote(null)).isEqualTo("null");
    }

    @Test
    void controlCharactersAreEscapedSoThatNoLineCanBeForged() {
        assertThat(ClientText.quote("a\nINFO forged\r\t\u0000b")).isEqualTo("'a\\nINFO forged\\r\\t\\u0000b'");
    }

    @Test
    void longTextIsCutWithItsLengthShown() {
        String quoted = ClientText.quote("x".repeat(65_536));
        assertThat(quoted).startsWith("'" + "x".repeat(ClientText.MAX_CHARS) + "'").endsWith("… (65536 characters)");
        assertThat(quoted.length()).isLessThan(ClientText.MAX_CHARS + 30);
    }
}
