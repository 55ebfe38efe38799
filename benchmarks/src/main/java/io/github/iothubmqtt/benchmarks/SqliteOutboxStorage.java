package io.github.iothubmqtt.benchmarks;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import io.github.iothubmqtt.camel.session.outbox.OutboxStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The candidate the outbox's MVStore file was measured against: SQLite in WAL mode with {@code synchronous=FULL} (so
 * every commit syncs the WAL) and {@code locking_mode=EXCLUSIVE} (so a second process cannot open it).
 */
final class SqliteOutboxStorage implements OutboxStorage {

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement storeNext;

    private SqliteOutboxStorage(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA locking_mode=EXCLUSIVE");
            statement.execute("CREATE TABLE IF NOT EXISTS entries (sequence INTEGER PRIMARY KEY, partition TEXT NOT NULL, "
                    + "stored_at INTEGER NOT NULL, topic TEXT NOT NULL, payload BLOB NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
        }
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO entries VALUES (?, ?, ?, ?, ?)");
        delete = connection.prepareStatement("DELETE FROM entries WHERE sequence = ?");
        storeNext = connection.prepareStatement("INSERT OR REPLACE INTO meta VALUES ('nextSequence', ?)");
    }

    static SqliteOutboxStorage open(Path directory) {
        try {
            Files.createDirectories(directory);
            return new SqliteOutboxStorage(DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("outbox.db")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Contents read() {
        List<Stored> stored = new ArrayList<>();
        long next = 1;
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT * FROM entries ORDER BY sequence")) {
                while (rows.next()) {
                    stored.add(new Stored(rows.getString(2),
                            new Entry(rows.getLong(1), rows.getLong(3), rows.getString(4), rows.getBytes(5))));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT value FROM meta WHERE name = 'nextSequence'")) {
                if (rows.next()) {
                    next = rows.getLong(1);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        long last = stored.isEmpty() ? 0 : stored.get(stored.size() - 1).entry().sequence();
        return new Contents(stored, Math.max(next, last + 1));
    }

    @Override
    public void write(List<Stored> appends, List<Long> removals, long nextSequence) {
        try {
            for (Stored append : appends) {
                Entry entry = append.entry();
                insert.setLong(1, entry.sequence());
                insert.setString(2, append.partition());
                insert.setLong(3, entry.storedAtMillis());
                insert.setString(4, entry.topic());
                insert.setBytes(5, entry.payload());
                insert.addBatch();
            }
            insert.executeBatch();
            for (long sequence : removals) {
                delete.setLong(1, sequence);
                delete.addBatch();
            }
            delete.executeBatch();
            storeNext.setLong(1, nextSequence);
            storeNext.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
