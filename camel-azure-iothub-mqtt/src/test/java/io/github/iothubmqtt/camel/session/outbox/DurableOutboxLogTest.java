package io.github.iothubmqtt.camel.session.outbox;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class DurableOutboxLogTest extends OutboxLogContractTest {

    @TempDir
    Path directory;

    private DurableOutboxStore store;

    @Override
    OutboxLog newLog() {
        store = DurableOutboxStore.open(directory);
        return store.log("hub.example.net/device-1");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }
}
