package io.github.iothubmqtt.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;

/**
 * The MQTT session of one identity: its subscriptions, which outlive a connection made with CleanSession 0 (the
 * Java SDK relies on that for methods and desired properties), and the connection currently attached, if any.
 * Hub thread only.
 */
final class DeviceSession {

    private final Identity identity;
    private final Map<String, SubscriptionKind> subscriptions = new LinkedHashMap<>();
    private DeviceLink connection;

    DeviceSession(Identity identity) {
        this.identity = identity;
    }

    Identity identity() {
        return identity;
    }

    /** Adds a filter; false if it would be one more than the hub's limit of five. */
    boolean subscribe(String filter, SubscriptionKind kind) {
        if (!subscriptions.containsKey(filter) && subscriptions.size() >= HubLimits.MAX_SUBSCRIPTIONS) {
            return false;
        }
        subscriptions.put(filter, kind);
        return true;
    }

    void unsubscribe(String filter) {
        subscriptions.remove(filter);
    }

    boolean isSubscribed(SubscriptionKind kind) {
        return subscriptions.containsValue(kind);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    DeviceLink connection() {
        return connection;
    }

    void attach(DeviceLink connection) {
        this.connection = connection;
    }

    /** Detaches the connection if it is still the attached one (a kicked connection closes after its successor). */
    void detach(DeviceLink closing) {
        if (connection == closing) {
            connection = null;
        }
    }

    /** Whether a live connection is subscribed to this kind of message. */
    boolean canReceive(SubscriptionKind kind) {
        return connection != null && isSubscribed(kind);
    }
}
