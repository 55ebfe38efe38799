package io.github.iothubmqtt.camel.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssignmentFileTest {

    private static final Assignment ASSIGNMENT = new Assignment("hub-7.azure-devices.net", "thermostat-7");

    @TempDir
    Path directory;

    @Test
    void anAssignmentReadsBackForItsScopeAndRegistrationOnly() {
        Path file = directory.resolve("state/assignment.json");
        AssignmentFile.write(file, "0ne00ABC", "thermostat-7", ASSIGNMENT);

        assertThat(AssignmentFile.read(file, "0ne00ABC", "thermostat-7")).isEqualTo(ASSIGNMENT);
        assertThat(AssignmentFile.read(file, "0ne00XYZ", "thermostat-7")).as("another scope").isNull();
        assertThat(AssignmentFile.read(file, "0ne00ABC", "thermostat-8")).as("another registration").isNull();
        assertThat(file.getParent()).isDirectoryNotContaining("glob:**.tmp");

        AssignmentFile.delete(file);
        assertThat(file).doesNotExist();
        assertThat(AssignmentFile.read(file, "0ne00ABC", "thermostat-7")).as("no file").isNull();
    }

    @Test
    void aFileThatIsNoAssignmentCountsAsNone() throws Exception {
        Path garbage = Files.writeString(directory.resolve("garbage.json"), "{not json");
        Path partial = Files.writeString(directory.resolve("partial.json"),
                "{\"idScope\":\"0ne00ABC\",\"registrationId\":\"thermostat-7\",\"assignedHub\":\"hub\"}");

        assertThat(AssignmentFile.read(garbage, "0ne00ABC", "thermostat-7")).isNull();
        assertThat(AssignmentFile.read(partial, "0ne00ABC", "thermostat-7")).isNull();
    }
}
