package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdentityTest {

    @Test
    void clientIdsOfDevicesAndModules() {
        assertThat(Identity.device("d1").clientId()).isEqualTo("d1");
        assertThat(Identity.module("d1", "m1").clientId()).isEqualTo("d1/m1");
        assertThat(Identity.fromClientId("d1/m1")).isEqualTo(Identity.module("d1", "m1"));
        assertThat(Identity.fromClientId("d1").isModule()).isFalse();
        assertThat(Identity.module("d1", "m1").devicesPath()).isEqualTo("devices/d1/modules/m1");
    }

    @Test
    void allowsTheDocumentedPunctuation() {
        assertThat(Identity.device("a-.%_*?!(),:=@$'z").deviceId()).isEqualTo("a-.%_*?!(),:=@$'z");
    }

    @Test
    void rejectsWhatTheRegistryRejects() {
        assertThatThrownBy(() -> Identity.device("a+b")).hasMessageContaining("contains '+'");
        assertThatThrownBy(() -> Identity.device("a#b")).hasMessageContaining("contains '#'");
        assertThatThrownBy(() -> Identity.device("ü")).hasMessageContaining("contains 'ü'");
        assertThatThrownBy(() -> Identity.device("")).hasMessage("device id is empty");
        assertThatThrownBy(() -> Identity.device("x".repeat(129))).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> Identity.fromClientId("a/b/c")).hasMessageContaining("more than one '/'");
        assertThatThrownBy(() -> Identity.fromClientId("")).hasMessageContaining("client id is empty");
    }
}
