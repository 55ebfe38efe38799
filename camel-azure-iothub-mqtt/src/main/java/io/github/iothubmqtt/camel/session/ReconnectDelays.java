package io.github.iothubmqtt.camel.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long a session waits before each reconnect: the backoff, slowed down while the hub keeps refusing the
 * credentials ({@link CredentialRefusals}), and what it says about it: one WARN when a connection is lost, DEBUG for
 * the attempts after it. Not thread-safe: the lifecycle calls it under its lock.
 */
final class ReconnectDelays {

    /** The lifecycle's logger: users follow one logger for a session's connection. */
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final SessionSettings settings;
    private final Backoff backoff;
    private final CredentialRefusals refusals;
    private int failedAttempts;

    ReconnectDelays(SessionSettings settings) {
        this.settings = settings;
        this.backoff = new Backoff(settings.reconnectBackoffMin(), settings.reconnectBackoffMax());
        this.refusals = new CredentialRefusals(settings);
    }

    /** The connection ended, or connecting failed, for this reason: the delay before the next attempt, in ms. */
    long next(DisconnectReason reason, String detail) {
        long delay = refusals.failed(reason, detail, backoff.delayMillis(failedAttempts++));
        if (failedAttempts == 1) {
            LOG.warn("Session {} disconnected ({}: {}); reconnecting in {}", settings.identity(), reason, detail,
                    DurationText.ofMillis(delay));
        } else if (!refusals.saidSo()) {
            LOG.debug("Session {} still disconnected ({}: {}); attempt {} in {}", settings.identity(), reason, detail,
                    failedAttempts, DurationText.ofMillis(delay));
        }
        return delay;
    }

    /** The attempts that failed since the last connection. */
    int failedAttempts() {
        return failedAttempts;
    }

    void connected() {
        failedAttempts = 0;
        refusals.connected();
    }
}
