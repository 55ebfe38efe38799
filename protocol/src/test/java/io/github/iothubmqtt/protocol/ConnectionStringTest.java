package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectionStringTest {

    private static final String KEY = "c2VjcmV0LWtleS1ieXRlcw==";
    /** A key with a '+', as an endpoint URI without RAW() reads it. */
    private static final String KEY_WITH_PLUS_READ_AS_SPACE = "c2Vj cmV0LWtleS1ieXRlcw==";

    @Test
    void parsesADeviceConnectionString() {
        ConnectionString cs = ConnectionString.parse("HostName=hub.azure-devices.net;DeviceId=dev-1;SharedAccessKey=" + KEY);
        assertThat(cs.hostName()).isEqualTo("hub.azure-devices.net");
        assertThat(cs.identity()).isEqualTo(Identity.device("dev-1"));
        assertThat(cs.sharedAccessKey()).isEqualTo(KEY);
        assertThat(cs.connectHost()).isEqualTo("hub.azure-devices.net");
        assertThat(cs.isX509()).isFalse();
    }

    @Test
    void parsesModuleGatewayAndPolicyKeysIgnoringKeyCaseAndTrailingSemicolon() {
        ConnectionString cs = ConnectionString.parse(" hostname=hub.azure-devices.net;DEVICEID=dev%2D1;moduleid=m1;"
                + "SharedAccessKeyName=device;sharedaccesskey=" + KEY + ";GatewayHostName=localhost; ");
        assertThat(cs.identity()).isEqualTo(Identity.module("dev-1", "m1"));
        assertThat(cs.sharedAccessKeyName()).isEqualTo("device");
        assertThat(cs.gatewayHostName()).isEqualTo("localhost");
        assertThat(cs.connectHost()).isEqualTo("localhost");
    }

    @Test
    void valuesMayContainEqualsSigns() {
        String signature = "SharedAccessSignature sr=hub.azure-devices.net%2Fdevices%2Fd&sig=abc%3D&se=1";
        ConnectionString cs = ConnectionString
                .parse("HostName=hub.azure-devices.net;DeviceId=d;SharedAccessSignature=" + signature);
        assertThat(cs.sharedAccessSignature()).isEqualTo(signature);
    }

    @Test
    void x509NeedsNoKey() {
        assertThat(ConnectionString.parse("HostName=hub.azure-devices.net;DeviceId=d;x509=true").isX509()).isTrue();
    }

    @Test
    void toStringMasksSecretsAndFormatKeepsThem() {
        ConnectionString withKey = ConnectionString.parse("HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY);
        ConnectionString withSignature = ConnectionString.parse(
                "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessSignature=SharedAccessSignature sr=x&sig=SECRETSIG&se=1");
        assertThat(withKey.toString()).doesNotContain(KEY).contains("SharedAccessKey=****").contains("DeviceId=d");
        assertThat(withSignature.toString()).doesNotContain("SECRETSIG");
        assertThat(ConnectionString.parse(withKey.format()).sharedAccessKey()).isEqualTo(KEY);
    }

    @Test
    void builderRoundTripsThroughParse() {
        ConnectionString built = ConnectionString.builder().hostName("hub.azure-devices.net")
                .identity(Identity.module("d", "m"))
                .sharedAccessKey(KEY).gatewayHostName("127.0.0.1").build();
        ConnectionString parsed = ConnectionString.parse(built.format());
        assertThat(parsed.identity()).isEqualTo(built.identity());
        assertThat(parsed.gatewayHostName()).isEqualTo("127.0.0.1");
        assertThat(parsed.format()).isEqualTo(built.format());
    }

    /** A local hub (an emulator, a container) has whatever name its certificate covers, often a single label. */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "iothub-emulator", "127.0.0.1"})
    void anyHostNameIsAcceptedNotOnlyAzureOnes(String host) {
        ConnectionString parsed = ConnectionString.parse("HostName=" + host + ";DeviceId=d;SharedAccessKey=" + KEY);
        assertThat(parsed.hostName()).isEqualTo(host);
        assertThat(parsed.format()).startsWith("HostName=" + host + ";");
    }

    @ParameterizedTest(name = "{0} -> names {1}")
    @CsvSource(delimiter = '|', value = {
            "DeviceId=d;SharedAccessKey=" + KEY + "|HostName is missing",
            "HostName=hub.azure-devices.net;SharedAccessKey=" + KEY + "|DeviceId is missing",
            "HostName=hub.azure-devices.net;DeviceId=d|SharedAccessKey is missing",
            "HostName=hub.azure-devices.net/x;DeviceId=d;SharedAccessKey=" + KEY
                    + "|HostName 'hub.azure-devices.net/x' is not a host name",
            "HostName=hub.azure-devices.net;DeviceId=d e;SharedAccessKey=" + KEY + "|DeviceId is invalid",
            "HostName=hub.azure-devices.net;DeviceId=d;ModuleId=m/n;SharedAccessKey=" + KEY + "|ModuleId is invalid",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=not-base64!|SharedAccessKey is not valid base64",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY + ";x509=true|exclude each other",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY
                    + ";SharedAccessSignature=SharedAccessSignature sr=a&sig=b&se=1|exclude each other",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessSignature=sr=a&sig=b&se=1|SharedAccessSignature must start with",
            "HostName=hub.azure-devices.net;DeviceId=d;x509=maybe|x509 must be true or false",
            "HostName=hub.azure-devices.net;DeviceId=d;DeviceId=e;SharedAccessKey=" + KEY + "|DeviceId appears more than once",
            "HostName=hub.azure-devices.net;DeviceId=;SharedAccessKey=" + KEY + "|DeviceId is empty",
            "HostName=hub.azure-devices.net;DevId=d;SharedAccessKey=" + KEY
                    + "|part 2 has an unknown key; known keys are HostName",
            "HostName=hub.azure-devices.net;DeviceId=d;" + KEY + "|part 3 has an unknown key;",
            "HostName=hub.azure-devices.net;DeviceId=d;secret|part 3 is not Key=Value",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY
                    + ";GatewayHostName=a b|GatewayHostName 'a b' is not a host name",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY_WITH_PLUS_READ_AS_SPACE
                    + "|SharedAccessKey contains a space",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY_WITH_PLUS_READ_AS_SPACE
                    + "|write the value as RAW(...)",
            "HostName=hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY + "|a device needs its own",
            "\"HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY + "\"|it starts with the quote \" (U+0022)",
            "HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY
                    + "\u201d|it ends with the quote \u201d (U+201D)",
    })
    void errorsNameTheWrongKeyAndNeverTheSecret(String connectionString, String message) {
        assertThatThrownBy(() -> ConnectionString.parse(connectionString))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aSingleQuoteIsNamed() {
        assertThatThrownBy(
                () -> ConnectionString.parse("'HostName=hub.azure-devices.net;DeviceId=d;SharedAccessKey=" + KEY + "'"))
                .hasMessageContaining("it starts with the quote ' (U+0027)").hasMessageNotContaining(KEY);
    }

    @Test
    void aKeyPastedWithoutItsNameIsNotShown() {
        assertThatThrownBy(() -> ConnectionString.parse("HostName=hub.azure-devices.net;DeviceId=d;QUJDRA=="))
                .hasMessageContaining("part 3 has an unknown key").hasMessageNotContaining("QUJDRA");
    }

    @Test
    void builderRefusesValuesThatWouldNotReadBack() {
        ConnectionString.Builder builder = ConnectionString.builder().hostName("hub.azure-devices.net").deviceId("d")
                .sharedAccessKey(KEY);
        assertThatThrownBy(() -> builder.sharedAccessKeyName("a;b").build())
                .hasMessageContaining("SharedAccessKeyName must be non-empty, contain no ';'");
        assertThatThrownBy(() -> builder.sharedAccessKeyName(" a").build()).hasMessageContaining("white space");
        assertThatThrownBy(() -> builder.sharedAccessKeyName("").build())
                .hasMessageContaining("SharedAccessKeyName must be non-empty");
    }

    @Test
    void aDeviceIdWithPercentReadsBack() {
        ConnectionString built = ConnectionString.builder().hostName("hub.azure-devices.net").deviceId("d%41")
                .sharedAccessKey(KEY).build();
        assertThat(built.format()).contains("DeviceId=d%2541");
        assertThat(ConnectionString.parse(built.format()).deviceId()).isEqualTo("d%41");
    }

    @Test
    void emptyConnectionStringIsRejected() {
        assertThatThrownBy(() -> ConnectionString.parse("  ")).hasMessage("connection string is empty");
        assertThatThrownBy(() -> ConnectionString.parse(null)).hasMessage("connection string is empty");
    }
}
