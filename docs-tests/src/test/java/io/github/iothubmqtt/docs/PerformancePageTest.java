package io.github.iothubmqtt.docs;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark commands of docs/performance.md. A benchmark run takes minutes, too long for the build, so this test
 * checks what the commands rely on: the {@code benchmark} profile, the benchmark names BenchmarkMain knows, the JVM
 * options property and the awk script the profile command pipes into.
 */
class PerformancePageTest {

    private static final DocumentBlocks PAGE = DocumentBlocks.of(DocumentBlocks.REPOSITORY.resolve("docs/performance.md"));
    private static final String RUN = "mvn -B -q -Pbenchmark -pl benchmarks -am verify -DskipTests";
    private static final Pattern SELECTION = Pattern.compile("-Dbenchmarks=([\\w,-]+)");
    private static final Pattern KNOWN = Pattern.compile("ALL = Set.of\\(([^)]*)\\)");
    private static final String POM = String.join("\n",
            DocumentBlocks.read(DocumentBlocks.REPOSITORY.resolve("benchmarks/pom.xml")));

    @Test
    void theCommandsRunBenchmarksThatExist() {
        for (String id : List.of("run-all", "run-telemetry-cpu", "profile-telemetry-cpu", "run-outbox", "run-outbox-route",
                "run-fleet", "try-fleet", "run-failover")) {
            String command = PAGE.checkedBy(getClass(), id);
            assertThat(command).as(id).startsWith(RUN);
            Matcher selection = SELECTION.matcher(command);
            if (selection.find()) {
                assertThat(knownBenchmarks()).as(id).containsAll(Set.of(selection.group(1).split(",")));
            }
            if (command.contains("-Dbenchmark.jvmArgs=")) {
                assertThat(POM).contains("<argument>${benchmark.jvmArgs}</argument>");
            }
            if (command.contains("-Dbenchmark.fleetSizes=")) {
                assertThat(POM).contains("-Dbenchmark.fleetSizes=${benchmark.fleetSizes}");
            }
            if (command.contains("awk -f ")) {
                String script = command.substring(command.indexOf("awk -f ") + "awk -f ".length()).strip();
                assertThat(DocumentBlocks.REPOSITORY.resolve(script)).as(id).isRegularFile();
            }
        }
        assertThat(POM).contains("<id>benchmark</id>");
    }

    private static Set<String> knownBenchmarks() {
        String main = String.join("\n", DocumentBlocks.read(DocumentBlocks.REPOSITORY
                .resolve("benchmarks/src/main/java/io/github/iothubmqtt/benchmarks/BenchmarkMain.java")));
        Matcher known = KNOWN.matcher(main);
        assertThat(known.find()).as("BenchmarkMain's list of benchmarks").isTrue();
        return Set.of(known.group(1).replace("\"", "").replaceAll("\\s", "").split(","));
    }
}
