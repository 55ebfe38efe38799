package io.github.iothubmqtt.camel.session.outbox;

class MemoryOutboxLogTest extends OutboxLogContractTest {

    @Override
    OutboxLog newLog() {
        return new MemoryOutboxLog();
    }
}
