package io.github.iothubmqtt.camel.session;

import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's provisioning: the assignment it connects with, from memory, the assignment file or a registration
 * with DPS. When the assigned hub refuses the identity, the assignment is forgotten and the next connect registers
 * again. Thread-safe.
 */
public final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);

    private final ProvisioningSettings settings;
    private final Function<Assignment, SessionSettings> hubSettings;
    private volatile SessionSettings assigned;

    /** @param hubSettings the session settings for an assignment (its hub, its device), checked there */
    public Provisioner(ProvisioningSettings settings, Function<Assignment, SessionSettings> hubSettings) {
        this.settings = settings;
        this.hubSettings = hubSettings;
        Assignment stored = settings.assignmentFile() == null
                ? null
                : AssignmentFile.read(settings.assignmentFile(), settings.idScope(), settings.registrationId());
        if (stored != null) {
            LOG.info("'{}' connects with the assignment in {}: hub {}, device '{}'", settings.registrationId(),
                    settings.assignmentFile(), stored.assignedHub(), stored.deviceId());
            assigned = hubSettings.apply(stored);
        }
    }

    public ProvisioningSettings settings() {
        return settings;
    }

    boolean isAssigned() {
        return assigned != null;
    }

    /**
     * {@link #register()}: {@code null} when it succeeded, else why it failed, naming the DPS status and error code
     * when the service gave them.
     */
    ProvisioningException registerOrFailure() {
        try {
            register();
            return null;
        } catch (ProvisioningException e) {
            return e;
        }
    }

    /** Registers with DPS (blocking for seconds); afterwards {@link #hubSettings()} has the assignment's settings. */
    void register() {
        Assignment assignment = ProvisioningClient.register(settings);
        SessionSettings hub;
        try {
            hub = hubSettings.apply(assignment);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException("DPS assigned '" + settings.registrationId() + "' to " + assignment + ": "
                    + e.getMessage(), e);
        }
        if (settings.assignmentFile() != null) {
            AssignmentFile.write(settings.assignmentFile(), settings.idScope(), settings.registrationId(), assignment);
        }
        assigned = hub;
    }

    /** The settings of the assigned hub and device; fails before an assignment. */
    SessionSettings hubSettings() {
        SessionSettings hub = assigned;
        if (hub == null) {
            throw new IllegalStateException("'" + settings.registrationId() + "' has no DPS assignment yet");
        }
        return hub;
    }

    /** The assigned hub refused the identity: the next connect registers again. */
    void hubRefused() {
        if (assigned != null) {
            LOG.warn("{} refused '{}': registering with DPS again", assigned.hostName(), settings.registrationId());
            assigned = null;
            if (settings.assignmentFile() != null) {
                AssignmentFile.delete(settings.assignmentFile());
            }
        }
    }
}
