package io.github.iothubmqtt.camel.session.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The outbox in one H2 MVStore file: a map from sequence to encoded entry, and the next sequence. The MVStore locks its
 * file ({@code FileChannel.tryLock}) while open, against a second process and a second store in the same JVM.
 * {@code MVStore.commit()} writes a chunk but does not force it to the disk; only {@code MVStore.sync()} does
 * ({@code FileChannel.force}), so {@link #write} calls both. Autocommit is off: with it on, a commit hands the chunk to
 * two MVStore executor threads and waits for them, which halved the append rate (docs/performance.md).
 */
final class MvStoreOutboxStorage implements OutboxStorage {

    static final String FILE_NAME = "outbox.mv.db";
    private static final String NEXT_SEQUENCE = "nextSequence";
    /**
     * With autocommit off there is no MVStore background thread, and nothing else rewrites chunks that hold a few
     * live entries among many removed ones (say, those of an identity whose hub is unreachable); without this, the
     * file grew by about 280 MB per million messages appended and removed.
     */
    private static final int COMPACT_EVERY_COMMITS = 64;
    private static final int COMPACT_BELOW_FILL_RATE = 50;
    private static final int COMPACT_BYTES = 4 << 20;

    private final MVStore store;
    private final MVMap<Long, byte[]> entries;
    private final MVMap<String, Long> meta;
    private int commits;

    private MvStoreOutboxStorage(MVStore store) {
        this.store = store;
        this.entries = store.openMap("entries", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        this.meta = store.openMap("meta", new MVMap.Builder<String, Long>()
                .keyType(StringDataType.INSTANCE).valueType(LongDataType.INSTANCE));
    }

    static MvStoreOutboxStorage open(Path directory) {
        Path file = usableDirectory(directory).resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        MVStore store;
        try {
            store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new OutboxStoreException("The outbox file " + file + " is locked: another process, or another "
                        + "store in this JVM, has this outbox open", e);
            }
            throw new OutboxStoreException("Cannot open the outbox file " + file, e);
        }
        if (created) {
            syncDirectory(directory);
        }
        // MVStore's default retention (freed chunks kept 45 s) stays: with none, a commit torn by a crash can overwrite
        // chunks that the version before it still needs, and recovery then falls back further, losing synced entries
        // (seen under load in DurableOutboxLogCrashTest). The price is a file larger by about 45 s of appends.
        try {
            return new MvStoreOutboxStorage(store);
        } catch (MVStoreException e) {
            store.closeImmediately(); // releases the lock
            throw new OutboxStoreException("Cannot open the outbox file " + file, e);
        }
    }

    @Override
    public Contents read() {
        List<Stored> stored = new ArrayList<>(entries.size());
        for (Map.Entry<Long, byte[]> entry : entries.entrySet()) {
            stored.add(EntryCodec.decode(entry.getKey(), entry.getValue()));
        }
        long next = meta.getOrDefault(NEXT_SEQUENCE, 1L);
        Long last = entries.lastKey();
        return new Contents(stored, last == null ? next : Math.max(next, last + 1));
    }

    @Override
    public void write(List<Stored> appends, List<Long> removals, long nextSequence) {
        for (Stored append : appends) {
            entries.put(append.entry().sequence(), EntryCodec.encode(append));
        }
        removals.forEach(entries::remove);
        meta.put(NEXT_SEQUENCE, nextSequence);
        store.commit();
        store.sync();
        if (++commits % COMPACT_EVERY_COMMITS == 0 && store.compact(COMPACT_BELOW_FILL_RATE, COMPACT_BYTES)) {
            store.commit();
            store.sync(); // before a later commit overwrites the chunks whose pages the compaction moved
        }
    }

    @Override
    public void close() {
        store.close();
    }

    private static Path usableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new OutboxStoreException("Cannot create the outbox directory " + directory + " (" + e + ")", e);
        }
        if (!Files.isWritable(directory)) {
            throw new OutboxStoreException("The outbox directory " + directory + " is not writable");
        }
        return directory;
    }

    /** Makes the new file's name durable too; Linux needs the directory synced for that, Windows cannot open it. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Windows: NTFS journals the name with the file's metadata
        }
    }
}
