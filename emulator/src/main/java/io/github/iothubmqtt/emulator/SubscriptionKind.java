package io.github.iothubmqtt.emulator;

import java.util.Optional;

import io.github.iothubmqtt.protocol.CloudToDevice;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;
import io.github.iothubmqtt.protocol.ModuleInputs;
import io.github.iothubmqtt.protocol.TwinTopics;

/** The topic filters IoT Hub documents; any other filter makes the hub close the connection. */
enum SubscriptionKind {
    CLOUD_TO_DEVICE, MODULE_INPUTS, TWIN_RESPONSES, TWIN_DESIRED, METHODS;

    static Optional<SubscriptionKind> of(String filter, Identity identity) {
        if (CloudToDevice.isSubscribeFilter(filter, identity)) {
            return Optional.of(CLOUD_TO_DEVICE);
        }
        if (ModuleInputs.isSubscribeFilter(filter, identity)) {
            return Optional.of(MODULE_INPUTS);
        }
        if (TwinTopics.RESPONSE_FILTER.equals(filter)) {
            return Optional.of(TWIN_RESPONSES);
        }
        if (TwinTopics.DESIRED_FILTER.equals(filter)) {
            return Optional.of(TWIN_DESIRED);
        }
        if (MethodTopics.REQUEST_FILTER.equals(filter)) {
            return Optional.of(METHODS);
        }
        return Optional.empty();
    }
}
