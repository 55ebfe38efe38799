package io.github.iothubmqtt.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The DPS enrollment list: individual enrollments by registration id (case-insensitive, as DPS), and groups. */
public final class Enrollments {

    private final Map<String, Enrollment> individuals = new ConcurrentHashMap<>();
    private final Map<String, Enrollment> groups = new ConcurrentHashMap<>();

    /** Adds (or replaces) an enrollment. */
    public Enrollment add(Enrollment enrollment) {
        (enrollment.group() ? groups : individuals).put(enrollment.id().toLowerCase(Locale.ROOT), enrollment);
        return enrollment;
    }

    public Optional<Enrollment> individual(String registrationId) {
        return Optional.ofNullable(individuals.get(registrationId.toLowerCase(Locale.ROOT)));
    }

    public List<Enrollment> groups() {
        return List.copyOf(groups.values());
    }

    public void remove(Enrollment enrollment) {
        (enrollment.group() ? groups : individuals).remove(enrollment.id().toLowerCase(Locale.ROOT));
    }
}
