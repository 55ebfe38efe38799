package io.github.iothubmqtt.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.iothubmqtt.protocol.Identity;

/** The MQTT sessions the hub keeps, one per identity. Hub thread only. */
final class Sessions {

    private final Map<Identity, DeviceSession> sessions = new HashMap<>();

    Optional<DeviceSession> find(Identity identity) {
        return Optional.ofNullable(sessions.get(identity));
    }

    /**
     * The session a CONNECT resumes or starts: CleanSession 1 always starts afresh; CleanSession 0 resumes the
     * stored one when there is one.
     */
    DeviceSession open(Identity identity, boolean cleanSession) {
        if (cleanSession) {
            sessions.remove(identity);
        }
        return sessions.computeIfAbsent(identity, DeviceSession::new);
    }

    boolean exists(Identity identity) {
        return sessions.containsKey(identity);
    }

    /** Forgets a session (CleanSession 1 ends with its connection). */
    void discard(DeviceSession session) {
        sessions.remove(session.identity(), session);
    }

    Optional<DeviceLink> connection(Identity identity) {
        return find(identity).map(DeviceSession::connection);
    }

    List<DeviceLink> connections() {
        List<DeviceLink> connections = new ArrayList<>();
        for (DeviceSession session : sessions.values()) {
            if (session.connection() != null) {
                connections.add(session.connection());
            }
        }
        return connections;
    }
}
