package io.github.iothubmqtt.protocol;

import java.util.Map;

/**
 * Cloud-to-device topics. A device subscribes {@code devices/{d}/messages/devicebound/#} (Embedded C uses
 * {@code devices/+/messages/devicebound/#}); the hub delivers on {@code devices/{d}/messages/devicebound/{bag}}.
 */
public final class CloudToDevice {

    private static final String DEVICES = "devices/";
    private static final String DEVICEBOUND = "/messages/devicebound/";
    private static final String WILDCARD_DEVICE_FILTER = "devices/+/messages/devicebound/#";

    /** A parsed C2D delivery. */
    public record Delivery(Identity identity, Map<String, String> properties) {
    }

    private CloudToDevice() {
    }

    public static String subscribeFilter(Identity identity) {
        return identity.devicesPath() + DEVICEBOUND + "#";
    }

    /** Whether the filter is one the hub accepts for this identity's C2D messages. */
    public static boolean isSubscribeFilter(String filter, Identity identity) {
        return subscribeFilter(identity).equals(filter) || !identity.isModule() && WILDCARD_DEVICE_FILTER.equals(filter);
    }

    /** The delivery topic as the hub writes it: {@code $} as {@code %24}, upper-case hex. */
    public static String deliveryTopic(Identity identity, Map<String, String> properties) {
        return identity.devicesPath() + DEVICEBOUND + PropertyBag.encode(properties);
    }

    public static Delivery parseDelivery(String topic) {
        // searched after the prefix: "devices/messages/devicebound/" must not read as a device id ending before it began
        int devicebound = topic == null || !topic.startsWith(DEVICES) ? -1 : topic.indexOf(DEVICEBOUND, DEVICES.length());
        if (devicebound < 0) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is not a C2D topic: expected devices/{d}" + DEVICEBOUND + "{bag}");
        }
        Identity identity = Telemetry.identityOf(topic, topic.substring(DEVICES.length(), devicebound));
        return new Delivery(identity, PropertyBag.decode(topic.substring(devicebound + DEVICEBOUND.length())));
    }
}
