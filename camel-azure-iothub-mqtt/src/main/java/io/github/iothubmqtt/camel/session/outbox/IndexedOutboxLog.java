package io.github.iothubmqtt.camel.session.outbox;

import java.util.List;

/** A log whose reads come from its in-memory {@link EntryIndex}; subclasses decide how appends and removals persist. */
abstract class IndexedOutboxLog implements OutboxLog {

    protected final EntryIndex index;

    IndexedOutboxLog(EntryIndex index) {
        this.index = index;
    }

    @Override
    public List<Entry> entries() {
        return index.entries();
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public long bytes() {
        return index.bytes();
    }
}
