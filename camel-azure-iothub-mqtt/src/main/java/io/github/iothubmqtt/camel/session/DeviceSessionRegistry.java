package io.github.iothubmqtt.camel.session;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.iothubmqtt.camel.session.outbox.DurableOutboxStore;
import io.github.iothubmqtt.camel.session.outbox.MemoryOutboxLog;

/**
 * The sessions of one owner (one CamelContext), one per identity, reference-counted: the first user opens it, the
 * last one closes it. Later users share it as it is: the connection keeps the settings of the user that opened it.
 * Builds each session's parts: the twin and the methods over the session's narrow {@link DeviceChannel}, and the
 * telemetry outbox its settings ask for.
 */
public final class DeviceSessionRegistry {

    private final SessionExecutors executors;
    private final Map<String, Entry> sessions = new HashMap<>();
    /** One durable store per outbox directory, shared by the identities that use it, closed with the registry. */
    private final Map<Path, DurableOutboxStore> durableStores = new HashMap<>();

    private static final class Entry {
        final DeviceSession session;
        int users;

        Entry(DeviceSession session) {
            this.session = session;
        }
    }

    public DeviceSessionRegistry(SessionExecutors executors) {
        this.executors = executors;
    }

    /** Returns the session of the settings' identity, opening it for the first user. */
    public synchronized DeviceSession acquire(SessionSettings settings) {
        Entry entry = sessions.computeIfAbsent(settings.key(), k -> new Entry(create(settings)));
        if (entry.users++ == 0) {
            entry.session.open();
        }
        return entry.session;
    }

    private DeviceSession create(SessionSettings settings) {
        return new DeviceSession(settings, executors,
                channel -> new TwinChannel(channel, executors),
                channel -> new MethodDispatcher(channel, settings.unknownMethodStatus()),
                this::telemetryOutbox);
    }

    private Outbox telemetryOutbox(SessionSettings settings, AcknowledgedOutbox acknowledged, ConnectionLifecycle connection) {
        return switch (settings.outbox().kind()) {
            case NONE -> acknowledged;
            case MEMORY -> new StoreAndForwardOutbox(settings, new MemoryOutboxLog(), acknowledged, connection,
                    executors.work());
            case DISK -> new StoreAndForwardOutbox(settings,
                    durableStores.computeIfAbsent(settings.outbox().directory().toAbsolutePath(), DurableOutboxStore::open)
                            .log(settings.key()),
                    acknowledged, connection, executors.work());
        };
    }

    /** The session of this key if it is open: who opened it decides its settings. */
    public synchronized DeviceSession find(String key) {
        Entry entry = sessions.get(key);
        return entry == null ? null : entry.session;
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
        durableStores.values().forEach(DurableOutboxStore::close);
        durableStores.clear();
    }
}
