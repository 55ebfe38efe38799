package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class MethodTopicsFuzzTest {

    /**
     * The input as a request and response topic: parse, build, parse gives the same; the lines as method name, request
     * id and status: what builds parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void topics(byte[] input) {
        String text = FuzzOracle.text(input);
        MethodTopics.Request request = attempt(() -> MethodTopics.parseRequest(text));
        if (request != null) {
            assertThat(MethodTopics.parseRequest(MethodTopics.requestTopic(request.methodName(), request.rid())))
                    .isEqualTo(request);
        }
        MethodTopics.Response response = attempt(() -> MethodTopics.parseResponse(text));
        if (response != null) {
            assertThat(MethodTopics.parseResponse(MethodTopics.responseTopic(response.status(), response.rid())))
                    .isEqualTo(response);
        }

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        String name = lines.line(0);
        String rid = lines.line(1);
        String requestTopic = attempt(() -> MethodTopics.requestTopic(name, rid));
        if (requestTopic != null) {
            assertThat(MethodTopics.parseRequest(requestTopic)).isEqualTo(new MethodTopics.Request(name, rid));
        }
        Long status = FuzzOracle.number(lines.line(2));
        String responseTopic = status == null || status != status.intValue()
                ? null
                : attempt(() -> MethodTopics.responseTopic(status.intValue(), rid));
        if (responseTopic != null) {
            assertThat(MethodTopics.parseResponse(responseTopic)).isEqualTo(new MethodTopics.Response(status.intValue(), rid));
        }
    }
}
