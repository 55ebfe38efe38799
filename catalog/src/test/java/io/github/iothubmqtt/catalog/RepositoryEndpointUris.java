package io.github.iothubmqtt.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Every {@code iothub-mqtt:} URI written in the repository's README, docs, examples and this module's Kamelets.
 * Directories are relative to the module's directory, where Maven runs the tests; a place that does not exist yet is
 * simply empty, so docs and examples are picked up as they appear.
 */
final class RepositoryEndpointUris {

    private static final Path REPOSITORY = Path.of("..");
    private static final List<Place> PLACES = List.of(
            new Place(".", "README.md", DocumentUriScanner::scan),
            new Place("docs", "**.{md,adoc}", DocumentUriScanner::scan),
            new Place("camel-azure-iothub-mqtt/src/main/docs", "*.adoc", DocumentUriScanner::scan),
            new Place("examples", "**.java", JavaUriScanner::scan),
            new Place("examples", "**.{yaml,yml}", YamlUriScanner::scan),
            new Place("catalog/src/main/resources/kamelets", "*.kamelet.yaml", YamlUriScanner::scan));

    private RepositoryEndpointUris() {
    }

    static List<EndpointUri> find() {
        return PLACES.stream().flatMap(Place::uris).toList();
    }

    /** Files matching a glob under a directory, and how to read URIs from them. */
    private record Place(String directory, String glob, BiFunction<String, String, List<EndpointUri>> scanner) {

        Stream<EndpointUri> uris() {
            Path root = REPOSITORY.resolve(directory);
            if (!Files.isDirectory(root)) {
                return Stream.empty();
            }
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            int depth = glob.contains("**") ? Integer.MAX_VALUE : 1;
            try (Stream<Path> files = Files.walk(root, depth)) {
                return files.filter(Files::isRegularFile)
                        .filter(file -> matcher.matches(root.relativize(file)))
                        .filter(file -> !root.relativize(file).toString().contains("target/"))
                        .sorted()
                        .flatMap(file -> scanner.apply(read(file), REPOSITORY.relativize(file).normalize().toString()).stream())
                        .toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
