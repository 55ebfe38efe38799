package io.github.iothubmqtt.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.github.iothubmqtt.protocol.Identity;

/** edgeHub route syntax: parsing, sinks, source matching, and the routes file shapes. */
class EdgeRouteTest {

    private static final Function<String, Object> NOTHING = reference -> RouteCondition.UNDEFINED;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBrokeredEndpointNamesTheModuleAndItsInput() {
        EdgeRoute route = EdgeRoute.parse("r",
                "FROM /messages/modules/sensor/outputs/readings INTO BrokeredEndpoint(\"/modules/filter/inputs/in\")");
        assertThat(route.isUpstream()).isFalse();
        assertThat(route.inputModule()).isEqualTo("filter");
        assertThat(route.inputName()).isEqualTo("in");
        assertThat(route.condition()).isNull();
    }

    @Test
    void keywordsAreCaseInsensitiveAndTheWhereClauseEndsAtTheLastInto() {
        EdgeRoute route = EdgeRoute.parse("r", "from /messages/* where kind = 'INTO' into $upstream");
        assertThat(route.isUpstream()).isTrue();
        assertThat(route.condition()).hasToString("kind = 'INTO'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "/*                                      | /messages/modules/a/outputs/x | true",
            "/messages/*                             | /messages/events              | true",
            "/messages/*                             | /messages/modules/a           | true",
            "/messages/modules/*                     | /messages/events              | false",
            "/messages/modules/*                     | /messages/modules/a/outputs/x | true",
            "/messages/modules/a/*                   | /messages/modules/a           | true",
            "/messages/modules/a/*                   | /messages/modules/a/outputs/x | true",
            "/messages/modules/a/*                   | /messages/modules/ab          | false",
            "/messages/modules/a/outputs/*           | /messages/modules/a           | false",
            "/messages/modules/a/outputs/*           | /messages/modules/a/outputs/x | true",
            "/messages/modules/a/outputs/x           | /messages/modules/a/outputs/x | true",
            "/messages/modules/a/outputs/x           | /messages/modules/a/outputs/y | false",
            "/twinChangeNotifications                | /messages/modules/a           | false",
    })
    void sourcesMatchByPrefixWhenTheyEndInAStar(String source, String path, boolean matches) {
        assertThat(EdgeRoute.parse("r", "FROM " + source + " INTO $upstream").matches(path, NOTHING))
                .as(source + " ⊇ " + path).isEqualTo(matches);
    }

    @Test
    void theSourcePathOfAMessageIsWhatRoutesName() {
        assertThat(EdgeRoute.sourcePath(Identity.device("leaf"), null)).isEqualTo("/messages/events");
        assertThat(EdgeRoute.sourcePath(Identity.module("edge", "a"), null)).isEqualTo("/messages/modules/a");
        assertThat(EdgeRoute.sourcePath(Identity.module("edge", "a"), "x")).isEqualTo("/messages/modules/a/outputs/x");
    }

    @Test
    void aConditionMustHoldForTheRouteToBeTaken() {
        EdgeRoute route = EdgeRoute.parse("r", "FROM /messages/* WHERE alert = 'yes' INTO $upstream");
        assertThat(route.matches("/messages/events", reference -> "yes")).isTrue();
        assertThat(route.matches("/messages/events", NOTHING)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "INTO $upstream", "FROM /messages/*", "FROM messages/* INTO $upstream", "FROM /messages/modules INTO $upstream",
            "FROM /messages/* INTO $downstream", "FROM /messages/* INTO BrokeredEndpoint(\"/modules/b/outputs/y\")",
            "FROM /messages/* WHERE INTO $upstream", "FROM /messages/* WHERE a = INTO $upstream"})
    void malformedRoutesAreRefusedNamingTheRoute(String text) {
        assertThatThrownBy(() -> EdgeRoute.parse("broken", text))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("route 'broken': ");
    }

    @Test
    void theRoutesFileMayBeTheDesiredPropertiesOrAWholeDeploymentManifest() throws Exception {
        String desired = """
                {"schemaVersion": "1.1",
                 "routes": {"up": "FROM /messages/* INTO $upstream",
                            "toFilter": {"route": "FROM /messages/modules/s/* INTO BrokeredEndpoint(\\"/modules/f/inputs/i\\")",
                                         "priority": 0}},
                 "storeAndForwardConfiguration": {"timeToLiveSecs": 60}}""";
        EdgeRoutes routes = EdgeRoutes.parse(JSON.readTree(desired));
        assertThat(routes.routes()).extracting(EdgeRoute::name).containsExactly("up", "toFilter");
        assertThat(routes.timeToLive()).isEqualTo(Duration.ofSeconds(60));
        EdgeRoutes manifest = EdgeRoutes.parse(JSON.readTree(
                "{\"modulesContent\": {\"$edgeAgent\": {}, \"$edgeHub\": {\"properties.desired\": " + desired + "}}}"));
        assertThat(manifest).isEqualTo(routes);
        EdgeRoutes twin = EdgeRoutes.parse(JSON.readTree("{\"properties.desired\": {\"routes\": {}}}"));
        assertThat(twin.routes()).isEmpty();
        assertThat(twin.timeToLive()).isEqualTo(EdgeRoutes.DEFAULT_TIME_TO_LIVE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"routes\": []}", "{\"routes\": {\"r\": 1}}",
            "{\"routes\": {}, \"storeAndForwardConfiguration\": {\"timeToLiveSecs\": 0}}"})
    void aRoutesFileOfAnotherShapeIsRefused(String json) {
        assertThatThrownBy(() -> EdgeRoutes.parse(JSON.readTree(json))).isInstanceOf(IllegalArgumentException.class);
    }
}
