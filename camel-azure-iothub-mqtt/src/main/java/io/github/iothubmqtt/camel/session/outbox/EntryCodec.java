package io.github.iothubmqtt.camel.session.outbox;

import io.github.iothubmqtt.camel.session.outbox.OutboxLog.Entry;
import io.github.iothubmqtt.camel.session.outbox.OutboxStorage.Stored;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** An entry and its partition as bytes; the sequence is the record's key, so it is not repeated here. */
final class EntryCodec {

    /** Bumped when the layout changes, so that an older file is recognised rather than misread. */
    private static final byte VERSION = 1;

    private EntryCodec() {
    }

    static byte[] encode(Stored stored) {
        Entry entry = stored.entry();
        byte[] partition = utf8(stored.partition());
        byte[] topic = utf8(entry.topic());
        ByteBuffer buffer = ByteBuffer.allocate(1 + Long.BYTES + 3 * Integer.BYTES + partition.length + topic.length
                + entry.payload().length);
        buffer.put(VERSION).putLong(entry.storedAtMillis());
        for (byte[] field : new byte[][] {partition, topic, entry.payload()}) {
            buffer.putInt(field.length).put(field);
        }
        return buffer.array();
    }

    static Stored decode(long sequence, byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte version = buffer.get();
        if (version != VERSION) {
            throw new OutboxStoreException("Outbox entry " + sequence + " has an unknown layout version " + version);
        }
        long storedAt = buffer.getLong();
        String partition = text(buffer);
        String topic = text(buffer);
        return new Stored(partition, new Entry(sequence, storedAt, topic, field(buffer)));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(ByteBuffer buffer) {
        return new String(field(buffer), StandardCharsets.UTF_8);
    }

    private static byte[] field(ByteBuffer buffer) {
        byte[] field = new byte[buffer.getInt()];
        buffer.get(field);
        return field;
    }
}
