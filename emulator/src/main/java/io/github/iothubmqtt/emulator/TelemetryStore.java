package io.github.iothubmqtt.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.Identity;

/**
 * The telemetry the hub received, newest last, bounded so that a long run cannot exhaust memory; plus listeners
 * told of each message as it arrives. Thread-safe: written by the hub thread, read by tests and the HTTP API.
 */
final class TelemetryStore {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStore.class);

    private final int capacity;
    private final Deque<TelemetryMessage> messages = new ArrayDeque<>();
    private final List<Consumer<TelemetryMessage>> listeners = new CopyOnWriteArrayList<>();

    TelemetryStore(int capacity) {
        this.capacity = capacity;
    }

    void add(TelemetryMessage message) {
        synchronized (messages) {
            if (messages.size() == capacity) {
                messages.removeFirst();
            }
            messages.addLast(message);
            messages.notifyAll();
        }
        for (Consumer<TelemetryMessage> listener : listeners) {
            try {
                listener.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("a telemetry listener failed on a message from {}", message.identity(), e);
            }
        }
    }

    /** Registers a listener; closing the returned handle removes it. */
    AutoCloseable listen(Consumer<TelemetryMessage> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Stored messages of one identity, or of all when {@code identity} is null. */
    List<TelemetryMessage> of(Identity identity) {
        synchronized (messages) {
            return messages.stream().filter(m -> identity == null || m.identity().equals(identity)).toList();
        }
    }

    /** Waits until at least {@code count} messages of the identity are stored; returns them. */
    List<TelemetryMessage> await(Identity identity, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (messages) {
            List<TelemetryMessage> found = of(identity);
            while (found.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("expected " + count + " telemetry messages from " + identity
                            + " within " + timeout + " but got " + found.size());
                }
                try {
                    messages.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while awaiting telemetry", e);
                }
                found = of(identity);
            }
            return found;
        }
    }

    void clear() {
        synchronized (messages) {
            messages.clear();
        }
    }
}
