package io.github.iothubmqtt.camel;

import java.util.Collection;
import java.util.stream.Stream;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;

/**
 * The readiness checks of the component's sessions as one repository of the context's health registry, registered
 * once. Registering each check on its own costs the registry a search of all the others: quadratic for a fleet of
 * thousands of identities.
 */
final class SessionHealthChecks implements HealthCheckRepository {

    private final Collection<SessionHealthCheck> checks;
    private volatile boolean enabled = true;

    /** @param checks the open sessions' checks, a live view */
    SessionHealthChecks(Collection<SessionHealthCheck> checks) {
        this.checks = checks;
    }

    @Override
    public String getId() {
        return "iothub-mqtt";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public Stream<HealthCheck> stream() {
        return enabled ? checks.stream().map(HealthCheck.class::cast) : Stream.empty();
    }
}
