package io.github.iothubmqtt.camel.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub refusing an identity's credentials connect after connect, or the HTTP proxy refusing its own (407): no
 * backoff cap makes that fix itself, so after {@value #SAY_AFTER} refusals in a row the session says so once, at WARN,
 * and retries {@value #SLOWDOWN} times more slowly, so a fixed key or password, or a re-enabled device, still connects
 * without a restart. Not thread-safe: the lifecycle calls it under its lock.
 */
final class CredentialRefusals {

    static final int SAY_AFTER = 5;
    static final int SLOWDOWN = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLifecycle.class);

    private final SessionSettings settings;
    private int inARow;

    CredentialRefusals(SessionSettings settings) {
        this.settings = settings;
    }

    /** A connect failed (or a connection ended) for this reason; returns the delay before the next attempt. */
    long failed(DisconnectReason reason, String detail, long backoffMillis) {
        boolean refused = reason == DisconnectReason.NOT_AUTHORIZED || reason == DisconnectReason.PROXY_NOT_AUTHORIZED;
        inARow = refused ? inARow + 1 : 0;
        long delay = inARow >= SAY_AFTER ? backoffMillis * SLOWDOWN : backoffMillis;
        if (saidSo() && reason == DisconnectReason.PROXY_NOT_AUTHORIZED) {
            LOG.warn("Session {}: the {} refused its proxy credentials {} times in a row ({}): proxyUsername or"
                    + " proxyPassword is wrong or missing. Retrying {} times more slowly (next in {}) until they are"
                    + " accepted", settings.identity(), settings.proxy(), inARow, detail, SLOWDOWN,
                    DurationText.ofMillis(delay));
        } else if (saidSo()) {
            LOG.warn("Session {}: IoT Hub {} refused its credentials {} times in a row ({}): the key, token or"
                    + " certificate is wrong, or the identity is disabled or not registered in that hub. Retrying {}"
                    + " times more slowly (next in {}) until they are accepted", settings.identity(),
                    settings.hostName(), inARow, detail, SLOWDOWN, DurationText.ofMillis(delay));
        }
        return delay;
    }

    /** True exactly once per run of refusals: when the last failure made it {@value #SAY_AFTER} in a row. */
    boolean saidSo() {
        return inARow == SAY_AFTER;
    }

    void connected() {
        inARow = 0;
    }
}
