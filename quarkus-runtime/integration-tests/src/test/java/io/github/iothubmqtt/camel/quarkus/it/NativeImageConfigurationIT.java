package io.github.iothubmqtt.camel.quarkus.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * No GraalVM here, so the build generates the native-image input only (target/native-sources, see the pom's
 * native-sources execution); this checks that it holds what Paho, H2's MVStore and the component need at native run
 * time.
 */
class NativeImageConfigurationIT {

    private static final String PAHO = "org.eclipse.paho.client.mqttv3.";
    private static final String COMPONENT = "io.github.iothubmqtt.camel.";

    private static final Path SOURCES = Path.of(System.getProperty("native.sources.dir", "target/native-sources"));

    private static JsonNode resources;
    private static JsonNode reflection;

    @BeforeAll
    static void readGeneratedConfiguration() throws IOException {
        try (JarFile runner = new JarFile(onlyFile(SOURCES, "-runner.jar").toFile())) {
            resources = readJson(runner, "META-INF/native-image/resource-config.json");
            reflection = readJson(runner, "META-INF/native-image/reflect-config.json");
        }
    }

    @Test
    void pahoNetworkModulesAreServiceProvidersWithConstructors() {
        assertResourceIncluded("META-INF/services/" + PAHO + "spi.NetworkModuleFactory");
        assertThat(List.of("internal.TCPNetworkModuleFactory", "internal.SSLNetworkModuleFactory",
                "internal.websocket.WebSocketNetworkModuleFactory", "internal.websocket.WebSocketSecureNetworkModuleFactory"))
                .allSatisfy(factory -> assertHasConstructors(PAHO + factory));
    }

    @Test
    void pahoClassesLoadedByNameHaveConstructors() {
        assertHasConstructors(PAHO + "logging.JSR47Logger");
        assertHasConstructors(PAHO + "internal.ResourceBundleCatalog");
    }

    @Test
    void pahoMessageBundlesAreIncluded() {
        assertThat(resources.get("bundles")).extracting(bundle -> bundle.get("name").asText())
                .contains(PAHO + "internal.nls.logcat", PAHO + "internal.nls.messages");
    }

    @Test
    void componentDescriptorIsIncluded() {
        assertResourceIncluded("META-INF/io/github/iothubmqtt/camel/iothub-mqtt.json");
    }

    @Test
    void componentConfigurersAndUriFactoryAreReflective() {
        assertThat(List.of("IotHubMqttComponentConfigurer", "IotHubMqttEndpointConfigurer", "IotHubMqttEndpointUriFactory"))
                .allSatisfy(generated -> assertHasConstructors(COMPONENT + generated));
    }

    @Test
    void connectionOptionFieldsAreReflective() {
        assertThat(reflection)
                .as("reflect-config.json registers the fields of the connection options")
                .anyMatch(entry -> entry.path("name").asText().equals(COMPONENT + "IotHubMqttConnectionConfiguration")
                        && (entry.path("allDeclaredFields").asBoolean() || entry.path("fields").size() > 0));
    }

    @Test
    void pahoLoopLifecyclesAreReflective() {
        assertThat(List.of("CommsReceiver", "CommsSender", "CommsCallback")).allSatisfy(loop -> assertThat(reflection)
                .as("reflect-config.json registers the fields and methods of Paho's %s", loop)
                .anyMatch(entry -> entry.path("name").asText().equals(PAHO + "internal." + loop)
                        && (entry.path("allDeclaredFields").asBoolean()
                                || entry.path("fields").toString().contains("lifecycle"))
                        && (entry.path("allPublicMethods").asBoolean() || entry.path("allDeclaredMethods").asBoolean()
                                || entry.path("methods").toString().contains("isRunning"))));
    }

    @Test
    void theVirtualThreadExecutorIsReflective() {
        assertThat(reflection)
                .as("reflect-config.json registers Executors.newVirtualThreadPerTaskExecutor, which the component finds by name")
                .anyMatch(entry -> entry.path("name").asText().equals("java.util.concurrent.Executors")
                        && entry.path("methods").toString().contains("newVirtualThreadPerTaskExecutor"));
    }

    @Test
    void httpsIsEnabled() throws IOException {
        assertThat(Files.readString(SOURCES.resolve("native-image.args")))
                .containsPattern("--enable-url-protocols=\\S*https");
    }

    @Test
    void webSocketBase64SubstitutionIsOnTheClassPath() throws IOException {
        try (JarFile runtime = new JarFile(onlyFile(SOURCES.resolve("lib"), "camel-quarkus-azure-iothub-mqtt-").toFile())) {
            assertThat(runtime.getEntry("io/github/iothubmqtt/camel/quarkus/graal/PahoWebSocketBase64Substitution.class"))
                    .isNotNull();
        }
    }

    /**
     * The durable outbox's MVStore needs no build step: H2 ships its own native-image configuration (the data types
     * MVStore looks up by name, its file systems), which native-image reads from the jar on the class path.
     */
    @Test
    void h2ShipsTheNativeConfigurationOfTheOutboxStore() throws IOException {
        Path h2Jar = onlyFile(SOURCES.resolve("lib"), "com.h2database.h2-");
        try (JarFile h2 = new JarFile(h2Jar.toFile())) {
            JsonNode h2Reflection = readJson(h2, "META-INF/native-image/reflect-config.json");
            assertThat(List.of("LongDataType", "ByteArrayDataType", "StringDataType"))
                    .allSatisfy(type -> assertThat(h2Reflection)
                            .anyMatch(entry -> entry.path("name").asText().equals("org.h2.mvstore.type." + type)
                                    && entry.path("fields").findValuesAsText("name").contains("INSTANCE")));
        }
        // Quarkus excludes the configuration of some jars it configures itself (Netty's), never H2's
        List<String> arguments = List.of(Files.readString(SOURCES.resolve("native-image.args")).split("\\s+"));
        IntStream.range(0, arguments.size() - 1).filter(i -> arguments.get(i).equals("--exclude-config"))
                .mapToObj(i -> arguments.get(i + 1))
                .forEach(jarPattern -> assertThat(h2Jar.toString()).as("excluded by --exclude-config " + jarPattern)
                        .doesNotContainPattern(jarPattern));
    }

    private static void assertResourceIncluded(String path) {
        assertThat(resources.get("resources").get("includes"))
                .as("resource-config.json includes %s", path)
                .anyMatch(include -> Pattern.matches(include.get("pattern").asText(), path));
    }

    private static void assertHasConstructors(String className) {
        assertThat(reflection)
                .as("reflect-config.json registers the constructors of %s", className)
                .anyMatch(entry -> entry.path("name").asText().equals(className)
                        && (entry.path("allDeclaredConstructors").asBoolean()
                                || entry.path("methods").findValuesAsText("name").contains("<init>")));
    }

    private static JsonNode readJson(JarFile jar, String entry) throws IOException {
        assertThat(jar.getEntry(entry)).as(entry).isNotNull();
        try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Path onlyFile(Path directory, String nameContaining) throws IOException {
        try (var files = Files.list(directory)) {
            List<Path> matches = files.filter(file -> file.getFileName().toString().contains(nameContaining)).toList();
            assertThat(matches).as(nameContaining + " in " + directory).hasSize(1);
            return matches.get(0);
        }
    }
}
