package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PropertyBagTest {

    @Test
    void decodesTheHubsC2dBags() {
        assertThat(PropertyBag.decode(
                "%24.mid=f618dedc-210e-4c68-956d-160577b2ca01&%24.to=%2Fdevices%2Fnonsdkdevice%2Fmessages%2Fdevicebound&key1=value1&key2=value2"))
                .containsExactly(Map.entry("$.mid", "f618dedc-210e-4c68-956d-160577b2ca01"),
                        Map.entry("$.to", "/devices/nonsdkdevice/messages/devicebound"), Map.entry("key1", "value1"),
                        Map.entry("key2", "value2"));
        assertThat(PropertyBag.decode(
                "%24.to=%2Fdevices%2Fnonsdkdevice%2Fmessages%2FdeviceBound&%24.ct=text%2Fplain%3B%20charset%3DUTF-8&%24.ce=utf-8&bbb=bbbb&aaa=aaaa"))
                .containsEntry("$.ct", "text/plain; charset=UTF-8").containsEntry("$.ce", "utf-8");
    }

    @Test
    void keyOnlyItemsAndEmptyValuesAreKeptApart() {
        LinkedHashMap<String, String> bag = PropertyBag
                .decode("iothub-ack=Full&%24.to=%2Fdevices%2FmyDeviceId%2Fmessages%2FdeviceBound&%24.cid&%24.uid=");
        assertThat(bag).containsEntry("iothub-ack", "Full").containsEntry("$.cid", null).containsEntry("$.uid", "");
        assertThat(PropertyBag.encode(bag))
                .isEqualTo("iothub-ack=Full&%24.to=%2Fdevices%2FmyDeviceId%2Fmessages%2FdeviceBound&%24.cid&%24.uid=");
    }

    @Test
    void literalAndEncodedDollarReadAlike() {
        assertThat(PropertyBag.decode("$.ct=application%2Fjson%3Bcharset%3Dutf-8"))
                .isEqualTo(PropertyBag.decode("%24.ct=application%2Fjson%3Bcharset%3Dutf-8"))
                .containsEntry("$.ct", "application/json;charset=utf-8");
    }

    @Test
    void encodesSpaceAsPercent20AndHardCharactersInUpperCaseHex() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("a b", "c&d=e%f+g$h");
        properties.put("ümlaut", "日本 🚀");
        assertThat(PropertyBag.encode(properties))
                .isEqualTo("a%20b=c%26d%3De%25f%2Bg%24h&%C3%BCmlaut=%E6%97%A5%E6%9C%AC%20%F0%9F%9A%80");
    }

    @Test
    void rejectsWhatTheHubClosesTheConnectionFor() {
        assertThatThrownBy(() -> PropertyBag.decode("a=b c")).hasMessageContaining("raw ' '");
        assertThatThrownBy(() -> PropertyBag.decode("a=b+c")).hasMessageContaining("raw '+'");
        assertThatThrownBy(() -> PropertyBag.decode("a=b%2")).hasMessageContaining("incomplete %-escape");
        assertThatThrownBy(() -> PropertyBag.decode("a=b%zz")).hasMessageContaining("invalid %-escape");
        // Character.digit reads Arabic-Indic and full-width digits as hex; the hub does not
        assertThatThrownBy(() -> PropertyBag.decode("a=%\u0661\u0662")).hasMessageContaining("invalid %-escape");
        assertThatThrownBy(() -> PropertyBag.decode("a=%\uFF21\uFF21")).hasMessageContaining("invalid %-escape");
        assertThat(PropertyBag.decode("a=%c3%bc")).containsEntry("a", "\u00fc");
        assertThatThrownBy(() -> PropertyBag.decode("a=%C3")).hasMessageContaining("valid UTF-8");
        assertThatThrownBy(() -> PropertyBag.decode("=b")).hasMessageContaining("has no name");
        assertThatThrownBy(() -> PropertyBag.encode(Map.of("", "v"))).hasMessageContaining("property name is empty");
        // getBytes(UTF_8) would write '?', which decodes to something else
        assertThatThrownBy(() -> PropertyBag.encodeComponent("a\ud800"))
                .hasMessageContaining("character 2 is an unpaired surrogate");
        assertThatThrownBy(() -> PropertyBag.encodeComponent("\udc00\ud800"))
                .hasMessageContaining("character 1 is an unpaired surrogate");
    }

    @Test
    void emptyBagsAndEmptyItemsDecodeToNothing() {
        assertThat(PropertyBag.decode("")).isEmpty();
        assertThat(PropertyBag.decode(null)).isEmpty();
        assertThat(PropertyBag.decode("a=1&&b=2&")).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Property(tries = 500)
    void anyUnicodePropertiesRoundTrip(@ForAll("properties") Map<String, String> properties) {
        assertThat(PropertyBag.decode(PropertyBag.encode(properties))).containsExactlyEntriesOf(properties);
    }

    @Property(tries = 500)
    void encodedTextIsSafeInAnMqttTopic(@ForAll("text") String text) {
        assertThat(PropertyBag.encodeComponent(text)).matches("[A-Za-z0-9._~%-]*");
        assertThat(PropertyBag.decodeComponent(PropertyBag.encodeComponent(text))).isEqualTo(text);
    }

    @Provide
    Arbitrary<Map<String, String>> properties() {
        Arbitrary<String> names = text().filter(name -> !name.isEmpty());
        return Arbitraries.maps(names, text().injectNull(0.1)).ofMaxSize(8).map(LinkedHashMap::new);
    }

    /** Any Unicode text without lone surrogates (which have no UTF-8 form), supplementary characters included. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(codePoint -> codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE)
                .list().ofMaxSize(12)
                .map(codePoints -> codePoints.stream()
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
    }
}
