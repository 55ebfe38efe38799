package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsernameTest {

    @Test
    void buildsTheEmbeddedCExample() {
        assertThat(Username.build("myiothub.azure-devices.net", Identity.device("my_device"), "2020-09-30", "azrtos",
                "dtmi:YOUR_COMPANY_NAME_HERE:sample_device;1")).isEqualTo("myiothub.azure-devices.net/my_device/"
                        + "?api-version=2020-09-30&DeviceClientType=azrtos&model-id=dtmi%3AYOUR_COMPANY_NAME_HERE%3Asample_device%3B1");
    }

    @Test
    void readsTheModelIdBackDecodedOrNullWhenAbsentOrEmpty() {
        assertThat(Username.parse("myiothub.azure-devices.net/my_device/?api-version=2020-09-30&DeviceClientType=azrtos"
                + "&model-id=dtmi%3AYOUR_COMPANY_NAME_HERE%3Asample_device%3B1").modelId())
                .isEqualTo("dtmi:YOUR_COMPANY_NAME_HERE:sample_device;1");
        assertThat(Username.parse("hub.azure-devices.net/d/?api-version=2020-09-30").modelId()).isNull();
        assertThat(Username.parse("hub.azure-devices.net/d/?api-version=2020-09-30&model-id=").modelId()).isNull();
    }

    @Test
    void buildsModuleNamesAndEncodesProductInfoWithoutPlus() {
        assertThat(Username.build("hub.azure-devices.net", Identity.module("d", "m"), "2021-04-12", "camel iothub/1.0 (x; y)",
                null))
                .isEqualTo(
                        "hub.azure-devices.net/d/m/?api-version=2021-04-12&DeviceClientType=camel%20iothub%2F1.0%20%28x%3B%20y%29");
    }

    @Test
    void parsesTheCSdkUsernameWithLowerCaseHex() {
        Username username = Username.parse(
                "aaa/temperature/?api-version=2020-09-30&DeviceClientType=iothubclient%2f1.10.0%20(native%3b%20Linux%3b%20x86_64)");
        assertThat(username.hostName()).isEqualTo("aaa");
        assertThat(username.identity()).isEqualTo(Identity.device("temperature"));
        assertThat(username.apiVersion()).isEqualTo("2020-09-30");
        assertThat(username.parameters()).containsEntry("DeviceClientType", "iothubclient/1.10.0 (native; Linux; x86_64)");
    }

    @Test
    void parsesModulesAndLegacyForms() {
        assertThat(Username
                .parse("syscomiotedgehubtest.azure-devices.net/dev/DeviceUpdate/?api-version=2020-09-30&DeviceClientType=x")
                .identity())
                .isEqualTo(Identity.module("dev", "DeviceUpdate"));
        Username noSlash = Username.parse("test-srv.azure-devices.net/TestDevice?api-version=2018-06-30");
        assertThat(noSlash.identity()).isEqualTo(Identity.device("TestDevice"));
        assertThat(noSlash.apiVersion()).isEqualTo("2018-06-30");
        Username noQuestionMark = Username.parse("hub.azure-devices.net/dev/api-version=2016-11-14&DeviceClientType=x");
        assertThat(noQuestionMark.identity()).isEqualTo(Identity.device("dev"));
        assertThat(noQuestionMark.apiVersion()).isEqualTo("2016-11-14");
        Username reordered = Username.parse("hub.azure-devices.net/dev/?DeviceClientType=x&api-version=2016-11-14");
        assertThat(reordered.apiVersion()).isEqualTo("2016-11-14");
        assertThat(Username.parse("hub.azure-devices.net/dev").apiVersion()).isNull();
    }

    @Test
    void keepsProductInfoThatDoesNotDecode() {
        assertThat(Username.parse("h.net/d/?api-version=1&DeviceClientType=a+b c").parameters())
                .containsEntry("DeviceClientType", "a+b c");
    }

    @Test
    void rejectsNamesWithoutIdentity() {
        assertThatThrownBy(() -> Username.parse("hub.azure-devices.net/?api-version=1"))
                .hasMessageContaining("is not {hub}/{deviceId}");
        assertThatThrownBy(() -> Username.parse("a/b/c/d/?api-version=1")).hasMessageContaining("is not {hub}/{deviceId}");
        assertThatThrownBy(() -> Username.parse("")).hasMessageContaining("user name is empty");
        assertThatThrownBy(() -> Username.build("h", Identity.device("d"), "", null, null))
                .hasMessageContaining("api-version is empty");
    }

    @Test
    void buildRefusesWhatParseCouldNotReadBack() {
        // the first '?' ends the path: "h/a?/?api-version=1" would read as device "a"
        assertThatThrownBy(() -> Username.build("h", Identity.device("a?"), "1", null, null))
                .hasMessageContaining("client id 'a?' contains '?'");
        assertThatThrownBy(() -> Username.build("h", Identity.module("d", "?"), "1", null, null))
                .hasMessageContaining("contains '?'");
        assertThatThrownBy(() -> Username.build("h/x", Identity.device("d"), "1", null, null))
                .hasMessageContaining("host name 'h/x'");
        assertThatThrownBy(() -> Username.build("", Identity.device("d"), "1", null, null))
                .hasMessageContaining("host name ''");
    }

    @Test
    void dpsUsernameHasNoQuestionMark() {
        assertThat(Provisioning.username("0ne00000A0A", "my-device", Provisioning.DEFAULT_API_VERSION))
                .isEqualTo("0ne00000A0A/registrations/my-device/api-version=2019-03-31");
    }
}
