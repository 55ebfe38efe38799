package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SAS creation and verification against the test vectors of the protocol reference (§2.4, §9). */
class SasTokenTest {

    private static final String CLI_KEY = "+XLy+MVZ+aTeOnVzN2kLeB16O+kSxmz6g3rS6fAf6rw=";
    private static final long CLI_EXPIRY = 1471940363L;
    private static final String CLI_HUB = "iot-hub-for-test.azure-devices.net";
    private static final Identity CLI_DEVICE = Identity.device("iot-device-for-test");
    private static final Identity CLI_MODULE = Identity.module("iot-device-for-test", "module-for-test");
    private static final String OTHER_KEY = Base64.getEncoder().encodeToString("another key".getBytes(StandardCharsets.UTF_8));

    @Test
    void cliVectorDeviceToken() {
        assertThat(SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, CLI_EXPIRY, null)).isEqualTo(
                "SharedAccessSignature sr=iot-hub-for-test.azure-devices.net%2Fdevices%2Fiot-device-for-test"
                        + "&sig=SIumZ1ACqqPJZ2okHDlW9MSYKykEpqsQY3z6FMOICd4%3D&se=1471940363");
    }

    @Test
    void cliVectorHubTokenWithPolicyName() {
        assertThat(SasToken.create(CLI_HUB, CLI_KEY, CLI_EXPIRY, "iothubowner")).isEqualTo(
                "SharedAccessSignature sr=iot-hub-for-test.azure-devices.net"
                        + "&sig=770sPjjYxRYpNz8%2FhEN7XR5XU5KDGYGTinSP8YyeTXw%3D&se=1471940363&skn=iothubowner");
    }

    @Test
    void cliVectorModuleTokenWithPolicyName() {
        assertThat(SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_MODULE), CLI_KEY, CLI_EXPIRY, "iothubowner")).isEqualTo(
                "SharedAccessSignature sr=iot-hub-for-test.azure-devices.net%2Fdevices%2Fiot-device-for-test%2Fmodules%2Fmodule-for-test"
                        + "&sig=JwAxBBBPYA0E%2FTHdnrXzUfBfuZ7deH6pppCniJ23Uu0%3D&se=1471940363&skn=iothubowner");
    }

    @Test
    void nodeCommonVector() {
        assertThat(SasToken.create("uri", "cGFzc3dvcmQ=", 12345, null))
                .contains("&sig=kcWxXAK2OAaAoq2oCkaGzX2NMqDB8nCyNuq2fPYCDhk%3D&");
    }

    @Test
    void nodeDeviceVectorWithLenientlyDecodedKey() {
        assertThat(SasToken.create(SasToken.resourceUri("host", Identity.device("device")), "key", 12345, null)).isEqualTo(
                "SharedAccessSignature sr=host%2Fdevices%2Fdevice&sig=wM3XiP6gD960IxP7J5WHqnxQHEcWC6YaQCtoMT%2BkKHc%3D&se=12345");
    }

    @Test
    void javaVectorsForHmacAndEncoding() {
        String jefe = Base64.getEncoder().encodeToString("Jefe".getBytes(StandardCharsets.UTF_8));
        byte[] hmac = Base64.getDecoder().decode(SasToken.sign("what do ya want for nothing?", jefe));
        assertThat(HexFormat.of().formatHex(hmac))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(PropertyBag.encodeComponent("üm@?")).isEqualTo("%C3%BCm%40%3F");
        // Java's URLEncoder gives m+m; a '+' makes IoT Hub drop an MQTT connection, so we always write %20.
        assertThat(PropertyBag.encodeComponent("m m")).isEqualTo("m%20m");
    }

    @Test
    void embeddedCFormattingVectors() {
        assertThat(PropertyBag.encodeComponent("myiothub.azure-devices.net/devices/my_device") + "\n1578941692")
                .isEqualTo("myiothub.azure-devices.net%2Fdevices%2Fmy_device\n1578941692");
        assertThat(PropertyBag
                .encodeComponent(SasToken.resourceUri("myiothub.azure-devices.net", Identity.module("my_device", "my_module"))))
                .isEqualTo("myiothub.azure-devices.net%2Fdevices%2Fmy_device%2Fmodules%2Fmy_module");
        SasToken token = SasToken.parse("SharedAccessSignature sr=myiothub.azure-devices.net%2Fdevices%2Fmy_device"
                + "&sig=cS1eHM%2FlDjsRsrZV9508wOFrgmZk4g8FNg8NwHVSiSQ&se=1578941692&skn=iothubowner");
        assertThat(token.resource()).isEqualTo("myiothub.azure-devices.net%2Fdevices%2Fmy_device");
        assertThat(token.audience()).isEqualTo("myiothub.azure-devices.net/devices/my_device");
        assertThat(token.signature()).isEqualTo("cS1eHM/lDjsRsrZV9508wOFrgmZk4g8FNg8NwHVSiSQ");
        assertThat(token.expiry()).isEqualTo(1578941692L);
        assertThat(token.keyName()).isEqualTo("iothubowner");
    }

    @Test
    void rawResourceTokensAsJavaAndCSendThemAreSignedOverTheLiteralSr() {
        assertThat(SasToken.sign(SasToken.resourceUri(CLI_HUB, CLI_DEVICE) + "\n" + CLI_EXPIRY, CLI_KEY))
                .isEqualTo("3ZVnwcW6hiKciEZp6HeoEhQco1VZW0ecoGb3AWBxelQ=");
        assertThat(SasToken.sign(SasToken.resourceUri(CLI_HUB, CLI_MODULE) + "\n" + CLI_EXPIRY, CLI_KEY))
                .isEqualTo("DxgZDmYfyx1BcF2OyQlEv3eq4KfMfSuD16fM/xEL9g0=");
        String javaToken = "SharedAccessSignature sig=3ZVnwcW6hiKciEZp6HeoEhQco1VZW0ecoGb3AWBxelQ%3D&se=1471940363"
                + "&sr=iot-hub-for-test.azure-devices.net/devices/iot-device-for-test";
        assertThat(verifyAt(javaToken, CLI_DEVICE, CLI_EXPIRY)).isEqualTo(SasVerification.VALID);
    }

    @Test
    void lowerCaseEscapesAreValidOnlyWithTheirOwnSignature() {
        String lowerSr = "iot-hub-for-test.azure-devices.net%2fdevices%2fiot-device-for-test";
        assertThat(SasToken.sign(lowerSr + "\n" + CLI_EXPIRY, CLI_KEY))
                .isEqualTo("kpPd03nBPQvmGX6lLUYgpB+VZN9uuoqsIw+8g4CkkAY=");
        String own = "SharedAccessSignature sr=" + lowerSr
                + "&sig=kpPd03nBPQvmGX6lLUYgpB%2BVZN9uuoqsIw%2B8g4CkkAY%3D&se=1471940363";
        String borrowed = "SharedAccessSignature sr=" + lowerSr
                + "&sig=SIumZ1ACqqPJZ2okHDlW9MSYKykEpqsQY3z6FMOICd4%3D&se=1471940363";
        assertThat(verifyAt(own, CLI_DEVICE, CLI_EXPIRY)).isEqualTo(SasVerification.VALID);
        assertThat(verifyAt(borrowed, CLI_DEVICE, CLI_EXPIRY)).isEqualTo(SasVerification.BAD_SIGNATURE);
    }

    @Test
    void expiryAllowsFiveMinutesOfClockSkew() {
        String token = SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, CLI_EXPIRY, null);
        assertThat(verifyAt(token, CLI_DEVICE, CLI_EXPIRY + 300)).isEqualTo(SasVerification.VALID);
        assertThat(verifyAt(token, CLI_DEVICE, CLI_EXPIRY + 301)).isEqualTo(SasVerification.EXPIRED);
    }

    @Test
    void secondaryKeyIsTriedAfterThePrimary() {
        String token = SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, CLI_EXPIRY, null);
        assertThat(SasToken.verify(token, CLI_HUB, CLI_DEVICE, List.of(OTHER_KEY, CLI_KEY), CLI_EXPIRY))
                .isEqualTo(SasVerification.VALID);
        assertThat(SasToken.verify(token, CLI_HUB, CLI_DEVICE, List.of(OTHER_KEY), CLI_EXPIRY))
                .isEqualTo(SasVerification.BAD_SIGNATURE);
    }

    @Test
    void audienceMustBeThisHubAndThisIdentity() {
        String deviceToken = SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, CLI_EXPIRY, null);
        String moduleToken = SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_MODULE), CLI_KEY, CLI_EXPIRY, null);
        assertThat(verifyAt(deviceToken, Identity.device("other"), CLI_EXPIRY)).isEqualTo(SasVerification.WRONG_AUDIENCE);
        assertThat(verifyAt(deviceToken, CLI_MODULE, CLI_EXPIRY)).isEqualTo(SasVerification.WRONG_AUDIENCE);
        assertThat(verifyAt(moduleToken, CLI_DEVICE, CLI_EXPIRY)).isEqualTo(SasVerification.WRONG_AUDIENCE);
        assertThat(verifyAt(moduleToken, CLI_MODULE, CLI_EXPIRY)).isEqualTo(SasVerification.VALID);
        assertThat(SasToken.verify(deviceToken, "other-hub.azure-devices.net", CLI_DEVICE, List.of(CLI_KEY), CLI_EXPIRY))
                .isEqualTo(SasVerification.WRONG_AUDIENCE);
        assertThat(SasToken.verify(deviceToken, CLI_HUB.toUpperCase(), CLI_DEVICE, List.of(CLI_KEY), CLI_EXPIRY))
                .isEqualTo(SasVerification.VALID);
    }

    @Test
    void malformedTokensAreRejected() {
        for (String token : List.of("", "sr=a&sig=b&se=1", "SharedAccessSignature sr=a&sig=b",
                "SharedAccessSignature sr=a&sig=b&se=soon",
                "SharedAccessSignature sr=a&sig=b&se=1&x=y", "SharedAccessSignature sr=a&sig&se=1",
                "SharedAccessSignature  sr=a&sig=b&se=1")) {
            assertThat(verifyAt(token, CLI_DEVICE, 0)).as(token).isEqualTo(SasVerification.MALFORMED);
        }
        assertThat(verifyAt(null, CLI_DEVICE, 0)).isEqualTo(SasVerification.MALFORMED);
    }

    @Test
    void expiriesBeyondTheYear9999AreMalformedNotOverflows() {
        for (String expiry : List.of("253402300800", "10000000000000000", "50000000000000000",
                Long.toString(Long.MAX_VALUE), "-1")) {
            String token = "SharedAccessSignature sr=a&sig=b&se=" + expiry;
            assertThat(verifyAt(token, CLI_DEVICE, CLI_EXPIRY)).as(expiry).isEqualTo(SasVerification.MALFORMED);
        }
        assertThat(SasToken.parse("SharedAccessSignature sr=a&sig=b&se=253402300799").expiry())
                .isEqualTo(SasToken.MAX_EXPIRY_EPOCH_SECONDS);
        assertThatThrownBy(() -> SasToken.create("a", CLI_KEY, SasToken.MAX_EXPIRY_EPOCH_SECONDS + 1, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("9999");
    }

    @Test
    void parseErrorsNeverShowFieldValues() {
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&secretvalue&se=1"))
                .hasMessage("SAS token field 2 is not name=value");
        // a signature pasted without its name reads as an unknown field named by its text
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&SIumZ1ACqqPJZ2okHDlW9MSYKykEpqsQY3z6FMOICd4=&se=1"))
                .hasMessage("SAS token field 2 is none of sr, sig, se, skn");
        // the decoder's message would quote the signature: it is neither shown nor chained
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=SECRETSIG%zz&se=1"))
                .hasMessage("SAS token field sig is not percent-encoded UTF-8").hasNoCause();
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&se=SECRET"))
                .hasMessage("SAS token field se is not seconds since 1970 in ASCII digits");
    }

    @Test
    void fieldsAppearOnceAndExpiriesAreAsciiDigits() {
        assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&se=1&sig=c"))
                .hasMessage("SAS token has sig more than once");
        for (String se : new String[] {"+1", "-1", "\u0661", "99999999999999999999", ""}) {
            assertThatThrownBy(() -> SasToken.parse("SharedAccessSignature sr=a&sig=b&se=" + se)).as(se)
                    .hasMessageContaining("se is not seconds");
        }
    }

    @Test
    void anExpiryNearTheEndOfTimeIsValid() {
        // expiry + 300 s of skew overflowed near Long.MAX_VALUE; the latest expiry now allowed must verify too
        String token = SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, SasToken.MAX_EXPIRY_EPOCH_SECONDS,
                null);
        assertThat(verifyAt(token, CLI_DEVICE, CLI_EXPIRY)).isEqualTo(SasVerification.VALID);
        assertThat(verifyAt(token, CLI_DEVICE, SasToken.MAX_EXPIRY_EPOCH_SECONDS)).isEqualTo(SasVerification.VALID);
        assertThat(verifyAt(SasToken.create(SasToken.resourceUri(CLI_HUB, CLI_DEVICE), CLI_KEY, 0, null), CLI_DEVICE,
                Long.MAX_VALUE))
                .isEqualTo(SasVerification.EXPIRED);
    }

    @Test
    void createRefusesWhatParseCouldNotReadBack() {
        assertThatThrownBy(() -> SasToken.create("", CLI_KEY, 1, null)).hasMessageContaining("resource URI is empty");
        assertThatThrownBy(() -> SasToken.create("r", CLI_KEY, -1, null))
                .hasMessageContaining("not between 1970 and the end of 9999");
        assertThatThrownBy(() -> SasToken.create("r", CLI_KEY, 1, "")).hasMessageContaining("key name is empty");
        assertThatThrownBy(() -> SasToken.create("r", "", 1, null)).hasMessage("shared access key is empty");
        assertThatThrownBy(() -> SasToken.create("r", "not-base64!", 1, null))
                .hasMessage("shared access key is not valid base64").hasNoCause();
        assertThatThrownBy(() -> SasToken.create("r", "c2Vj cmV0", 1, null))
                .hasMessageStartingWith("shared access key contains a space")
                .hasMessageContaining("RAW(").hasNoCause();
        assertThatThrownBy(() -> SasToken.resourceUri("a/b", CLI_DEVICE)).hasMessageContaining("host name 'a/b'");
    }

    @Test
    void aKeyIsCheckedWithoutSigning() {
        SasToken.checkKey(CLI_KEY);
        assertThatThrownBy(() -> SasToken.checkKey("not-base64!")).hasMessage("shared access key is not valid base64")
                .hasNoCause();
        assertThatThrownBy(() -> SasToken.checkKey("")).hasMessage("shared access key is empty");
    }

    @Test
    void dpsTokenAndGroupKeyDerivation() {
        assertThat(Provisioning.deriveDeviceKey(
                "8isrFI1sGsIlvvFSSFRiMfCNzv21fjbE/+ah/lSh3lF8e2YG1Te7w1KpZhJFFXJrqYKi9yegxkqIChbqOS9Egw==",
                "sn-007-888-abc-mac-a1-b2-c3-d4-e5-f6")).isEqualTo("Jsm0lyGpjaVYVP2g3FnmnmG9dI/9qU24wNoykUmermc=");
        SasToken token = SasToken.parse(Provisioning.token("0neFEEDC0DE", "myRegistrationId", CLI_KEY, 1578941692L));
        assertThat(token.resource()).isEqualTo("0neFEEDC0DE%2Fregistrations%2FmyRegistrationId");
        assertThat(token.keyName()).isEqualTo("registration");
        assertThat(token.signature())
                .isEqualTo(SasToken.sign("0neFEEDC0DE%2Fregistrations%2FmyRegistrationId\n1578941692", CLI_KEY));
    }

    private static SasVerification verifyAt(String token, Identity identity, long now) {
        return SasToken.verify(token, CLI_HUB, identity, List.of(CLI_KEY), now);
    }
}
