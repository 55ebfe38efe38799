package io.github.iothubmqtt.protocol;

import java.util.Map;

/** Module input topics (IoT Edge): deliveries on {@code devices/{d}/modules/{m}/inputs/{input}/{bag}}. */
public final class ModuleInputs {

    private static final String INPUTS = "/inputs/";

    /** A parsed input delivery. */
    public record Delivery(Identity identity, String inputName, Map<String, String> properties) {
    }

    private ModuleInputs() {
    }

    public static String subscribeFilter(Identity identity) {
        checkModule(identity);
        return identity.devicesPath() + INPUTS + "#";
    }

    /** Whether the filter is one the hub accepts: {@code .../inputs/#} or the module's whole tree {@code .../#}. */
    public static boolean isSubscribeFilter(String filter, Identity identity) {
        return identity.isModule()
                && (subscribeFilter(identity).equals(filter) || (identity.devicesPath() + "/#").equals(filter));
    }

    public static String deliveryTopic(Identity identity, String inputName, Map<String, String> properties) {
        checkModule(identity);
        if (inputName == null || inputName.isEmpty() || inputName.contains("/")) {
            throw new IllegalArgumentException("input name '" + inputName + "' must be non-empty and contain no '/'");
        }
        return identity.devicesPath() + INPUTS + inputName + "/" + PropertyBag.encode(properties);
    }

    public static Delivery parseDelivery(String topic) {
        String[] segments = topic == null ? new String[0] : topic.split("/", 7);
        if (segments.length < 6 || !"devices".equals(segments[0]) || !"modules".equals(segments[2])
                || !"inputs".equals(segments[4]) || segments[5].isEmpty()) {
            throw new IllegalArgumentException(
                    "'" + topic + "' is not a module input topic: expected devices/{d}/modules/{m}/inputs/{input}/{bag}");
        }
        return new Delivery(Identity.module(segments[1], segments[3]), segments[5],
                PropertyBag.decode(segments.length == 7 ? segments[6] : ""));
    }

    private static void checkModule(Identity identity) {
        if (!identity.isModule()) {
            throw new IllegalArgumentException(identity + " is a device: only modules have inputs");
        }
    }
}
