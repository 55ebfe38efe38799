package io.github.iothubmqtt.camel.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The assignment kept in a file, {@code {"idScope":…,"registrationId":…,"assignedHub":…,"deviceId":…}}, so that a
 * restart connects without registering again. A file of another scope or registration, or one that cannot be read,
 * counts as none: the session registers, and writes it anew.
 */
final class AssignmentFile {

    private static final Logger LOG = LoggerFactory.getLogger(AssignmentFile.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private AssignmentFile() {
    }

    static Assignment read(Path file, String idScope, String registrationId) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node != null && idScope.equals(node.path("idScope").asText())
                    && registrationId.equals(node.path("registrationId").asText())
                    && node.path("assignedHub").isTextual() && node.path("deviceId").isTextual()) {
                return new Assignment(node.get("assignedHub").asText(), node.get("deviceId").asText());
            }
            LOG.info("The assignment file {} is of another registration; registering '{}' again", file, registrationId);
        } catch (IOException e) {
            LOG.warn("The assignment file {} cannot be read ({}); registering '{}' again", file, e.getMessage(),
                    registrationId);
        }
        return null;
    }

    /** Written to a temporary file first, so that a crash leaves the old file or the new one, never half of one. */
    static void write(Path file, String idScope, String registrationId, Assignment assignment) {
        try {
            Path absolute = file.toAbsolutePath();
            Files.createDirectories(absolute.getParent());
            Path temporary = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
            JSON.writeValue(temporary.toFile(), JSON.createObjectNode().put("idScope", idScope)
                    .put("registrationId", registrationId).put("assignedHub", assignment.assignedHub())
                    .put("deviceId", assignment.deviceId()));
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("The assignment of '{}' cannot be written to {} ({}); a restart registers again", registrationId,
                    file, e.getMessage());
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("The assignment file {} cannot be deleted: {}", file, e.getMessage());
        }
    }
}
