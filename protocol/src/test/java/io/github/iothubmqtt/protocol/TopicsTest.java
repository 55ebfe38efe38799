package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every topic of the reference, built and parsed, and what the parsers refuse. */
class TopicsTest {

    private static final Identity DEVICE = Identity.device("dev1");
    private static final Identity MODULE = Identity.module("dev1", "mod1");

    @Test
    void telemetryTopicsOfDevicesAndModules() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SystemProperty.MESSAGE_ID, "m 1");
        properties.put("temp", "21.5");
        assertThat(Telemetry.topic(DEVICE, properties)).isEqualTo("devices/dev1/messages/events/%24.mid=m%201&temp=21.5");
        assertThat(Telemetry.topic(MODULE, Map.of())).isEqualTo("devices/dev1/modules/mod1/messages/events/");
        assertThat(Telemetry.parse("devices/dev1/messages/events/%24.mid=m%201&temp=21.5"))
                .isEqualTo(new Telemetry.Topic(DEVICE, properties));
    }

    @Test
    void telemetryParsesEveryClientsForm() {
        // Java: literal $ and a trailing slash for modules; C: no trailing slash; EdgeHub docs: no slash at all
        assertThat(Telemetry.parse("devices/dev1/modules/mod1/messages/events/$.mid=1&$.ct=application%2Fjson/").properties())
                .containsEntry("$.mid", "1").containsEntry("$.ct", "application/json");
        assertThat(Telemetry.parse("devices/dev1/modules/mod1/messages/events/%24.on=alert/").identity()).isEqualTo(MODULE);
        assertThat(Telemetry.parse("devices/dev1/messages/events").properties()).isEmpty();
        assertThat(Telemetry.parse("devices/dev1/messages/events/").properties()).isEmpty();
    }

    @Test
    void telemetryParserRefusesWhatTheHubRefuses() {
        assertThatThrownBy(() -> Telemetry.parse("devices/dev1/messages/events/?a=b")).hasMessageContaining("not a '?'");
        assertThatThrownBy(() -> Telemetry.parse("devices/dev1/messages/eventsX")).hasMessageContaining("must end the path");
        assertThatThrownBy(() -> Telemetry.parse("devices/dev1/messages/devicebound/")).hasMessageContaining("is missing");
        assertThatThrownBy(() -> Telemetry.parse("devices/a/b/messages/events/")).hasMessageContaining("names no identity");
        assertThatThrownBy(() -> Telemetry.parse("devices/messages/events/")).hasMessageContaining("names no identity");
        assertThatThrownBy(() -> Telemetry.parse("devices//messages/events/")).hasMessageContaining("device id is empty");
        assertThatThrownBy(() -> Telemetry.parse("things/dev1/messages/events/"))
                .hasMessageContaining("must start with devices/");
        assertThatThrownBy(() -> Telemetry.parse("devices/dev1/messages/events/a=b c")).hasMessageContaining("raw ' '");
        // the prefix's own '/' is not the end of a device id
        assertThatThrownBy(() -> Telemetry.parse("devices/messages/events")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no identity");
    }

    @Test
    void telemetryPropertyRules() {
        assertThatThrownBy(() -> Telemetry.topic(DEVICE, Map.of("$weird", "x")))
                .hasMessageContaining("reserves for system properties");
        assertThatThrownBy(() -> Telemetry.topic(DEVICE, Map.of("a", "line\nbreak"))).hasMessageContaining("U+000A");
        assertThatThrownBy(() -> Telemetry.topic(DEVICE, Map.of("", "x"))).hasMessageContaining("property name is empty");
        String longest = "x".repeat(HubLimits.MAX_TOPIC_BYTES - Telemetry.topic(DEVICE, Map.of("a", "")).length());
        assertThat(Telemetry.topic(DEVICE, Map.of("a", longest))).hasSize(HubLimits.MAX_TOPIC_BYTES);
        assertThatThrownBy(() -> Telemetry.topic(DEVICE, Map.of("a", longest + "x")))
                .hasMessageContaining("the telemetry topic would be 65536 bytes");
        assertThat(Telemetry.messageSize(new byte[10], Map.of("ab", "cd", SystemProperty.MESSAGE_ID, "123")))
                .isEqualTo(10 + 4 + 3);
        assertThat(Telemetry.messageSize(null, Map.of("ü", "€"))).isEqualTo(2 + 3);
    }

    @Test
    void cloudToDeviceFiltersAndDeliveries() {
        assertThat(CloudToDevice.subscribeFilter(DEVICE)).isEqualTo("devices/dev1/messages/devicebound/#");
        assertThat(CloudToDevice.subscribeFilter(MODULE)).isEqualTo("devices/dev1/modules/mod1/messages/devicebound/#");
        assertThat(CloudToDevice.isSubscribeFilter("devices/+/messages/devicebound/#", DEVICE)).isTrue();
        assertThat(CloudToDevice.isSubscribeFilter("devices/+/messages/devicebound/#", MODULE)).isFalse();
        assertThat(CloudToDevice.isSubscribeFilter("devices/other/messages/devicebound/#", DEVICE)).isFalse();
        assertThat(CloudToDevice.isSubscribeFilter("devices/dev1/messages/devicebound/+", DEVICE)).isFalse();

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(SystemProperty.MESSAGE_ID, "69ea4caf");
        properties.put(SystemProperty.TO, "/devices/dev1/messages/deviceBound");
        properties.put(SystemProperty.ACK, "full");
        properties.put("property1", "value 1");
        String topic = CloudToDevice.deliveryTopic(DEVICE, properties);
        assertThat(topic).isEqualTo(
                "devices/dev1/messages/devicebound/%24.mid=69ea4caf&%24.to=%2Fdevices%2Fdev1%2Fmessages%2FdeviceBound&iothub-ack=full&property1=value%201");
        assertThat(CloudToDevice.parseDelivery(topic)).isEqualTo(new CloudToDevice.Delivery(DEVICE, properties));
        assertThat(CloudToDevice.parseDelivery("devices/dev1/messages/devicebound/").properties()).isEmpty();
        assertThatThrownBy(() -> CloudToDevice.parseDelivery("devices/dev1/messages/events/"))
                .hasMessageContaining("not a C2D topic");
        assertThatThrownBy(() -> CloudToDevice.parseDelivery("devices/messages/devicebound/-i"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a C2D topic");
    }

    @Test
    void moduleInputs() {
        assertThat(ModuleInputs.subscribeFilter(MODULE)).isEqualTo("devices/dev1/modules/mod1/inputs/#");
        assertThat(ModuleInputs.isSubscribeFilter("devices/dev1/modules/mod1/#", MODULE)).isTrue();
        assertThat(ModuleInputs.isSubscribeFilter("devices/dev1/#", DEVICE)).isFalse();
        ModuleInputs.Delivery delivery = ModuleInputs.parseDelivery(
                "devices/TestEdgeDevice/modules/TestModule/inputs/TestInput/%24.cdid=TestEdgeDevice&%24.cmid=SenderModule");
        assertThat(delivery.identity()).isEqualTo(Identity.module("TestEdgeDevice", "TestModule"));
        assertThat(delivery.inputName()).isEqualTo("TestInput");
        assertThat(delivery.properties()).containsEntry(SystemProperty.CONNECTION_DEVICE_ID, "TestEdgeDevice")
                .containsEntry(SystemProperty.CONNECTION_MODULE_ID, "SenderModule");
        assertThat(ModuleInputs.deliveryTopic(MODULE, "in1", Map.of("a", "b")))
                .isEqualTo("devices/dev1/modules/mod1/inputs/in1/a=b");
        assertThatThrownBy(() -> ModuleInputs.subscribeFilter(DEVICE)).hasMessageContaining("only modules have inputs");
        assertThatThrownBy(() -> ModuleInputs.deliveryTopic(MODULE, "a/b", Map.of())).hasMessageContaining("contain no '/'");
        assertThatThrownBy(() -> ModuleInputs.parseDelivery("devices/d/modules/m/outputs/x/"))
                .hasMessageContaining("not a module input topic");
    }

    @Test
    void twinRequests() {
        assertThat(TwinTopics.getTopic("1")).isEqualTo("$iothub/twin/GET/?$rid=1");
        assertThat(TwinTopics.patchReportedTopic("2", null)).isEqualTo("$iothub/twin/PATCH/properties/reported/?$rid=2");
        assertThat(TwinTopics.patchReportedTopic("3", 7L))
                .isEqualTo("$iothub/twin/PATCH/properties/reported/?$rid=3&$version=7");
        assertThat(TwinTopics.parseRequest("$iothub/twin/GET/?$rid=1"))
                .isEqualTo(new TwinTopics.Request(TwinTopics.Operation.GET, "1", null));
        assertThat(TwinTopics.parseRequest("$iothub/twin/PATCH/properties/reported/?$rid=3&$version=7"))
                .isEqualTo(new TwinTopics.Request(TwinTopics.Operation.PATCH_REPORTED, "3", 7L));
        assertThatThrownBy(() -> TwinTopics.parseRequest("$iothub/twin/GET/")).hasMessageContaining("the query must follow");
        assertThatThrownBy(() -> TwinTopics.parseRequest("$iothub/twin/GET/?x=1")).hasMessageContaining("has no $rid");
        assertThatThrownBy(() -> TwinTopics.parseRequest("$iothub/twin/PATCH/properties/desired/?$rid=1"))
                .hasMessageContaining("not a twin request topic");
        assertThatThrownBy(() -> TwinTopics.parseRequest("$iothub/twin/PATCH/properties/reported/?$rid=1&$version=x"))
                .hasMessageContaining("not a number");
    }

    @Test
    void twinResponsesPutRidBeforeVersion() {
        assertThat(TwinTopics.responseTopic(204, "4", 12L)).isEqualTo("$iothub/twin/res/204/?$rid=4&$version=12");
        assertThat(TwinTopics.responseTopic(200, "a-b", null)).isEqualTo("$iothub/twin/res/200/?$rid=a-b");
        assertThat(TwinTopics.parseResponse("$iothub/twin/res/204/?$rid=id_one&$version=16"))
                .isEqualTo(new TwinTopics.Response(204, "id_one", 16L));
        assertThat(TwinTopics.parseResponse("$iothub/twin/res/429/?$rid=5")).isEqualTo(new TwinTopics.Response(429, "5", null));
        assertThatThrownBy(() -> TwinTopics.parseResponse("$iothub/twin/res/20/?$rid=1")).hasMessageContaining("three-digit");
        for (String status : new String[] {"-12", "099", "+99", "\u0662\u0660\u0660"}) {
            assertThatThrownBy(() -> TwinTopics.parseResponse("$iothub/twin/res/" + status + "/?$rid=1")).as(status)
                    .hasMessageContaining("three-digit number from 100 to 999");
        }
        assertThatThrownBy(() -> TwinTopics.parseResponse("$iothub/twin/res/200/?$rid=1&$version=%2B1"))
                .hasMessageContaining("not a number");
        assertThatThrownBy(() -> TwinTopics.parseResponse("$iothub/twin/res/200"))
                .hasMessageContaining("no '/' after the status");
        assertThatThrownBy(() -> TwinTopics.responseTopic(42, "1", null)).hasMessageContaining("three-digit");
        assertThatThrownBy(() -> TwinTopics.getTopic("")).hasMessageContaining("$rid) is empty");
    }

    @Test
    void desiredNotifications() {
        assertThat(TwinTopics.desiredTopic(5)).isEqualTo("$iothub/twin/PATCH/properties/desired/?$version=5");
        assertThat(TwinTopics.parseDesired("$iothub/twin/PATCH/properties/desired/?$version=5")).isEqualTo(5L);
        assertThatThrownBy(() -> TwinTopics.parseDesired("$iothub/twin/PATCH/properties/desired/?x=1"))
                .hasMessageContaining("has no $version");
        assertThatThrownBy(() -> TwinTopics.parseDesired("$iothub/twin/PATCH/properties/desired/?$version=i"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("$version 'i' is not a number");
        assertThatThrownBy(
                () -> TwinTopics.parseDesired("$iothub/twin/PATCH/properties/desired/?$version=99999999999999999999"))
                .hasMessageContaining("is not a number");
    }

    @Test
    void methodRequestsAndResponses() {
        assertThat(MethodTopics.parseRequest("$iothub/methods/POST/UaCloudCommander/?$rid=4"))
                .isEqualTo(new MethodTopics.Request("UaCloudCommander", "4"));
        assertThat(MethodTopics.requestTopic("reboot", "1f2e")).isEqualTo("$iothub/methods/POST/reboot/?$rid=1f2e");
        assertThat(MethodTopics.responseTopic(200, "4")).isEqualTo("$iothub/methods/res/200/?$rid=4");
        assertThat(MethodTopics.responseTopic(-1, "4")).isEqualTo("$iothub/methods/res/-1/?$rid=4");
        assertThat(MethodTopics.parseResponse("$iothub/methods/res/404/?$rid=4"))
                .isEqualTo(new MethodTopics.Response(404, "4"));
        assertThatThrownBy(() -> MethodTopics.parseResponse("$iothub/methods/res/ok/?$rid=4"))
                .hasMessageContaining("not an integer");
        for (String status : new String[] {"+5", "\u0665", "2147483648", "-", ""}) {
            assertThatThrownBy(() -> MethodTopics.parseResponse("$iothub/methods/res/" + status + "/?$rid=4")).as(status)
                    .hasMessageContaining("not an integer");
        }
        assertThat(MethodTopics.parseResponse("$iothub/methods/res/-2147483648/?$rid=4").status()).isEqualTo(Integer.MIN_VALUE);
        assertThatThrownBy(() -> MethodTopics.parseRequest("$iothub/methods/POST/reboot"))
                .hasMessageContaining("no '/' after the method name");
        for (String bad : new String[] {"a b", "a$b", "a/b", "a?b", "a=b", "a{b", "ü", ""}) {
            assertThatThrownBy(() -> MethodTopics.checkMethodName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        MethodTopics.checkMethodName("getMaxMinReport");
    }

    @Test
    void provisioningTopics() {
        assertThat(Provisioning.registerTopic("1")).isEqualTo("$dps/registrations/PUT/iotdps-register/?$rid=1");
        assertThat(Provisioning.pollTopic("2", "4.d0a671905ea5b2c8.e7173b7b"))
                .isEqualTo("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=4.d0a671905ea5b2c8.e7173b7b");
        assertThat(Provisioning.parseResponse("$dps/registrations/res/202/?$rid=1&retry-after=3"))
                .isEqualTo(new Provisioning.Response(202, "1", 3));
        assertThat(Provisioning.parseResponse("$dps/registrations/res/202/?retry-after=120&$rid=1"))
                .isEqualTo(new Provisioning.Response(202, "1", 120));
        assertThat(Provisioning.parseResponse("$dps/registrations/res/200/?$rid=1"))
                .isEqualTo(new Provisioning.Response(200, "1", null));
        assertThatThrownBy(() -> Provisioning.pollTopic("1", "")).hasMessageContaining("operation id is empty");
        assertThatThrownBy(() -> Provisioning.resourceUri("0ne", "a/b")).hasMessageContaining("registration id 'a/b'");
        assertThatThrownBy(() -> Provisioning.resourceUri("", "a")).hasMessageContaining("ID scope");
        assertThatThrownBy(() -> Provisioning.resourceUri("0n\u00e9", "a")).hasMessageContaining("ASCII letters and digits");
    }

    @Test
    void provisioningAnswersReadBackAsBuilt() {
        assertThat(Provisioning.responseTopic(202, "1", 3)).isEqualTo("$dps/registrations/res/202/?$rid=1&retry-after=3");
        assertThat(Provisioning.parseResponse(Provisioning.responseTopic(200, "a b", null)))
                .isEqualTo(new Provisioning.Response(200, "a b", null));
        // an int would read 4294967299 as 3
        assertThatThrownBy(() -> Provisioning.parseResponse("$dps/registrations/res/202/?$rid=1&retry-after=4294967299"))
                .hasMessageContaining("retry-after 4294967299 is not a number of seconds");
        assertThatThrownBy(() -> Provisioning.parseResponse("$dps/registrations/res/202/?$rid=1&retry-after=-1"))
                .hasMessageContaining("retry-after -1");
        assertThatThrownBy(() -> Provisioning.responseTopic(202, "1", -1)).hasMessageContaining("negative");
        assertThatThrownBy(() -> Provisioning.responseTopic(42, "1", null)).hasMessageContaining("three-digit");
    }
}
