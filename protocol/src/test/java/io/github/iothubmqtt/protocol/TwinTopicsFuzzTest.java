package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class TwinTopicsFuzzTest {

    /**
     * The input as a request, response and desired topic: parse, build, parse gives the same; the lines as request id,
     * version and status: what builds parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void topics(byte[] input) {
        String text = FuzzOracle.text(input);
        TwinTopics.Request request = attempt(() -> TwinTopics.parseRequest(text));
        if (request != null) {
            assertThat(TwinTopics.parseRequest(request(request))).isEqualTo(request);
        }
        TwinTopics.Response response = attempt(() -> TwinTopics.parseResponse(text));
        if (response != null) {
            assertThat(
                    TwinTopics.parseResponse(TwinTopics.responseTopic(response.status(), response.rid(), response.version())))
                    .isEqualTo(response);
        }
        Long desired = attempt(() -> TwinTopics.parseDesired(text));
        if (desired != null) {
            assertThat(TwinTopics.parseDesired(TwinTopics.desiredTopic(desired))).isEqualTo(desired);
        }

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        String rid = lines.line(0);
        Long version = FuzzOracle.number(lines.line(1));
        Long status = FuzzOracle.number(lines.line(2));
        String get = attempt(() -> TwinTopics.getTopic(rid));
        if (get != null) {
            assertThat(TwinTopics.parseRequest(get)).isEqualTo(new TwinTopics.Request(TwinTopics.Operation.GET, rid, null));
            assertThat(TwinTopics.parseRequest(TwinTopics.patchReportedTopic(rid, version)))
                    .isEqualTo(new TwinTopics.Request(TwinTopics.Operation.PATCH_REPORTED, rid, version));
        }
        String responseTopic = status == null || status != status.intValue()
                ? null
                : attempt(() -> TwinTopics.responseTopic(status.intValue(), rid, version));
        if (responseTopic != null) {
            assertThat(TwinTopics.parseResponse(responseTopic))
                    .isEqualTo(new TwinTopics.Response(status.intValue(), rid, version));
        }
        if (version != null) {
            assertThat(TwinTopics.parseDesired(TwinTopics.desiredTopic(version))).isEqualTo(version);
        }
    }

    private static String request(TwinTopics.Request request) {
        return request.operation() == TwinTopics.Operation.GET
                ? TwinTopics.getTopic(request.rid())
                : TwinTopics.patchReportedTopic(request.rid(), request.version());
    }
}
