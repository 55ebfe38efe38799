package io.github.iothubmqtt.camel.session;

import java.util.concurrent.CompletableFuture;

/**
 * Told once that a message is done with: delivered as its outbox promises ({@code error} is {@code null}) or failed.
 * A sender that only needs to be told spares the future and its dependent stage, two allocations and as many atomic
 * updates per message, on the hub's acknowledgement.
 */
@FunctionalInterface
public interface SendCompletion {

    void completed(Throwable error);

    /** Completes the future with the outcome. */
    static SendCompletion of(CompletableFuture<Void> future) {
        return error -> {
            if (error == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(error);
            }
        };
    }
}
