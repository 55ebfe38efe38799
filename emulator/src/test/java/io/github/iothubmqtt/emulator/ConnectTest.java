package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.ConnectionString;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.PropertyBag;
import io.github.iothubmqtt.protocol.SasToken;
import io.github.iothubmqtt.protocol.Username;

/** CONNECT checks and connection-level hub rules, with raw Paho over TLS. */
class ConnectTest extends EmulatorTest {

    private static final Identity DEVICE = Identity.device("connect-device");
    private static final Identity OTHER = Identity.device("other-device");
    private static final Identity DISABLED = Identity.device("disabled-device");
    private static final Identity MODULE = Identity.module("connect-device", "module-1");

    @BeforeAll
    static void start() {
        hub = Emulators.ephemeral().device(DEVICE.deviceId()).device(OTHER.deviceId()).device(DISABLED.deviceId())
                .module(MODULE.deviceId(), MODULE.moduleId()).start();
        hub.registry().setEnabled(DISABLED, false);
    }

    @AfterEach
    void clearFaults() {
        hub.service().faults().clear();
    }

    @Test
    void acceptsAValidSasToken() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, DEVICE)) {
            assertThat(device.client.isConnected()).isTrue();
            assertThat(hub.service().connectionCount(DEVICE)).isEqualTo(1);
        }
    }

    /** Clients without a gateway setting use one name for TCP, TLS, the user name and the SAS audience. */
    @Test
    void localhostServesAsTheHubNameForClientsWithoutAGateway() throws Exception {
        try (IotHubEmulator local = Emulators.ephemeral().hubHostName("localhost").device("local-device").start()) {
            Identity identity = Identity.device("local-device");
            assertThat(ConnectionString.parse(local.connectionString(identity)).gatewayHostName()).isNull();
            try (PahoDevice device = PahoDevice.connect(local, identity)) {
                assertThat(device.client.isConnected()).isTrue();
            }
        }
    }

    @Test
    void acceptsAModule() throws Exception {
        try (PahoDevice module = PahoDevice.connect(hub, MODULE)) {
            assertThat(module.client.isConnected()).isTrue();
        }
    }

    @Test
    void refusesATokenSignedWithAnotherKeyWithConnack5() {
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE,
                options -> options.setPassword(PahoDevice.token(hub, OTHER, Duration.ofHours(1))
                        .replace("other-device", "connect-device").toCharArray())))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void refusesAnUnregisteredDeviceWithConnack5() {
        Identity ghost = Identity.device("ghost");
        String token = SasToken.create(SasToken.resourceUri(hub.hubHostName(), ghost), DeviceRegistry.newKey(),
                Instant.now().plusSeconds(3600).getEpochSecond(), null);
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE, options -> {
            options.setUserName(Username.build(hub.hubHostName(), ghost, HubLimits.DEFAULT_API_VERSION, null, null));
            options.setPassword(token.toCharArray());
        }, ghost.clientId())).isInstanceOfSatisfying(MqttException.class,
                e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void refusesAUserNameForAnotherIdentityWithConnack5() {
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE, options -> options.setUserName(
                Username.build(hub.hubHostName(), OTHER, HubLimits.DEFAULT_API_VERSION, null, null))))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void acceptsALegacyUserNameWithoutQuestionMark() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, DEVICE,
                options -> options.setUserName(hub.hubHostName() + "/" + DEVICE.deviceId() + "/api-version=2018-06-30"))) {
            assertThat(device.client.isConnected()).isTrue();
        }
    }

    @Test
    void refusesADisabledDeviceWithConnack3() {
        assertThatThrownBy(() -> PahoDevice.connect(hub, DISABLED))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_BROKER_UNAVAILABLE));
    }

    @Test
    void refusesAClientIdWithTwoSlashesWithConnack2() {
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE, options -> {
        }, "a/b/c"))
                .isInstanceOfSatisfying(MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_INVALID_CLIENT_ID));
    }

    @Test
    void refusesConnectsWithConnack3WhileTheFaultIsOn() {
        hub.service().faults().refuseConnects(true);
        assertThatThrownBy(() -> PahoDevice.connect(hub, DEVICE))
                .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                        .isEqualTo((int) MqttException.REASON_CODE_BROKER_UNAVAILABLE));
    }

    @Test
    void closesTheConnectionWhenTheSasTokenExpires() throws Exception {
        try (PahoDevice device = PahoDevice.connect(hub, DEVICE, options -> options.setPassword(
                PahoDevice.token(hub, DEVICE, Duration.ofSeconds(2)).toCharArray()))) {
            assertThat(device.client.isConnected()).isTrue();
            assertThat(device.awaitClosed(Duration.ofSeconds(6))).as("closed at token expiry").isTrue();
        }
    }

    @Test
    void refusesAnExpiryBeyondTheYear9999WithConnack5() throws Exception {
        for (long expiry : new long[] {10_000_000_000_000_000L, 50_000_000_000_000_000L, Long.MAX_VALUE}) {
            try (RawMqttConnection connection = RawMqttConnection.connect(hub, DEVICE.clientId(),
                    Username.build(hub.hubHostName(), DEVICE, HubLimits.DEFAULT_API_VERSION, null, null),
                    signedToken(DEVICE, expiry), 60)) {
                assertThat(connection.readConnackCode()).as("se=%d", expiry).isEqualTo(5);
            }
        }
    }

    @Test
    void aTokenValidUntilTheYear9999ConnectsFully() throws Exception {
        Identity identity = Emulators.newDevice(hub, "far-future-device");
        try (PahoDevice first = PahoDevice.connect(hub, identity)) {
            first.subscribe(CloudToDevice.subscribeFilter(identity), 1);
        }
        hub.service().sendC2d(identity, "queued while offline", Map.of());
        String token = signedToken(identity, SasToken.MAX_EXPIRY_EPOCH_SECONDS);
        try (PahoDevice device = PahoDevice.connect(hub, identity, options -> options.setPassword(token.toCharArray()))) {
            assertThat(device.awaitMessage().body()).as("the connect ran to its end: queued C2D delivered")
                    .isEqualTo("queued while offline");
            assertThat(device.awaitClosed(Duration.ofSeconds(1))).as("no disconnect").isFalse();
        }
    }

    /** Signed by hand: {@link SasToken#create} refuses the expiries a hostile client would send. */
    private static String signedToken(Identity identity, long expiry) {
        String resource = PropertyBag.encodeComponent(SasToken.resourceUri(hub.hubHostName(), identity));
        String signature = SasToken.sign(resource + "\n" + expiry, hub.registry().get(identity).primaryKey());
        return "SharedAccessSignature sr=" + resource + "&sig=" + PropertyBag.encodeComponent(signature) + "&se="
                + expiry;
    }

    @Test
    void aNewConnectionOfTheSameIdentityKicksTheOldOne() throws Exception {
        long takeOversBefore = hub.service().takeOvers();
        try (PahoDevice first = PahoDevice.connect(hub, DEVICE);
                PahoDevice second = PahoDevice.connect(hub, DEVICE)) {
            assertThat(first.awaitClosed()).as("first connection closed").isTrue();
            assertThat(second.client.isConnected()).isTrue();
            assertThat(hub.service().connectionCount(DEVICE)).isEqualTo(1);
            assertThat(hub.service().takeOvers()).as("take-overs counted").isEqualTo(takeOversBefore + 1);
        }
    }

    @Test
    void reportsSessionPresentWhenACleanSession0SessionIsResumed() throws Exception {
        Identity identity = Identity.device("session-device");
        hub.registry().addDevice(identity.deviceId());
        try (PahoDevice first = PahoDevice.connect(hub, identity, options -> options.setCleanSession(true))) {
            assertThat(first.connectToken.getSessionPresent()).isFalse();
        }
        try (PahoDevice second = PahoDevice.connect(hub, identity)) {
            assertThat(second.connectToken.getSessionPresent()).as("no stored session after CleanSession 1").isFalse();
        }
        try (PahoDevice third = PahoDevice.connect(hub, identity)) {
            assertThat(third.connectToken.getSessionPresent()).as("CleanSession 0 session resumed").isTrue();
        }
        try (PahoDevice fourth = PahoDevice.connect(hub, identity, options -> options.setCleanSession(true))) {
            assertThat(fourth.connectToken.getSessionPresent()).as("CleanSession 1 never resumes").isFalse();
        }
    }
}
