package io.github.iothubmqtt.camel.session;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions of one owner (one CamelContext), one per identity, reference-counted: the first user opens it, the
 * last one closes it. All sessions share one scheduler for Paho's keep-alive pings, renewals and reconnects.
 */
public final class DeviceSessionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSessionRegistry.class);

    private final ScheduledExecutorService scheduler;
    private final Map<String, Entry> sessions = new HashMap<>();

    private static final class Entry {
        final DeviceSession session;
        int users;

        Entry(DeviceSession session) {
            this.session = session;
        }
    }

    public DeviceSessionRegistry(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Returns the session of the settings' identity, opening it for the first user. Later users share it as it is:
     * the first user's settings win, and a user asking for other connection options is told so.
     */
    public synchronized DeviceSession acquire(SessionSettings settings) {
        Entry entry = sessions.computeIfAbsent(settings.key(), k -> new Entry(new DeviceSession(settings, scheduler)));
        if (entry.users++ == 0) {
            entry.session.open();
        } else {
            List<String> differences = entry.session.settings().differencesFrom(settings);
            if (!differences.isEmpty()) {
                LOG.warn("An endpoint of {} sets {} differently from the endpoint that opened its connection; the"
                         + " connection is shared and keeps the first settings", settings.identity(), String.join(", ", differences));
            }
        }
        return entry.session;
    }

    public synchronized void release(DeviceSession session) {
        Entry entry = sessions.get(session.settings().key());
        if (entry != null && entry.session == session && --entry.users == 0) {
            sessions.remove(session.settings().key());
            session.close();
        }
    }

    public synchronized List<DeviceSession> sessions() {
        return sessions.values().stream().map(e -> e.session).toList();
    }

    public synchronized void closeAll() {
        sessions.values().forEach(e -> e.session.close());
        sessions.clear();
    }
}
