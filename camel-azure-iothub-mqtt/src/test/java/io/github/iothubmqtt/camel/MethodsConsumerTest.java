package io.github.iothubmqtt.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.iothubmqtt.camel.test.CapturedLogs;
import io.github.iothubmqtt.camel.test.EmulatorTestSupport;
import io.github.iothubmqtt.emulator.HubException;
import io.github.iothubmqtt.emulator.MethodResult;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

class MethodsConsumerTest extends EmulatorTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT = Duration.ofSeconds(20);

    @Test
    void theRoutesReplyIsTheMethodResponse() throws Exception {
        Identity device = newDevice("methods");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "methodName=getMaxMinReport"))
                        .setHeader(IotHubMqttConstants.METHOD_STATUS, constant(201))
                        .process(exchange -> {
                            Map<?, ?> request = exchange.getMessage().getBody(Map.class);
                            exchange.getMessage().setBody(Map.of("since", request.get("since"),
                                    "method", exchange.getMessage().getHeader(IotHubMqttConstants.METHOD_NAME)));
                        });
            }
        });

        MethodResult result = invoke(device, "getMaxMinReport", "{\"since\":\"2026-11-28T00:00:00Z\"}");

        assertThat(result.status()).isEqualTo(201);
        assertThat(json(result))
                .isEqualTo(JSON.readTree("{\"since\":\"2026-11-28T00:00:00Z\",\"method\":\"getMaxMinReport\"}"));
    }

    @Test
    void methodsAreDispatchedByNameOverOneSubscriptionAndUnservedOnesGet404() throws Exception {
        Identity device = newDevice("dispatch");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "methodName=reboot")).setBody(constant("{\"rebooting\":true}"));
                from(uri("methods", device, "methodName=ping")).setBody(constant(null));
            }
        });

        assertThat(json(invoke(device, "reboot", "null")).path("rebooting").asBoolean()).isTrue();
        MethodResult ping = invoke(device, "ping", "{}");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.payloadJson()).isIn(null, "", "null");
        MethodResult unknown = invoke(device, "selfDestruct", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).path("message").asText()).contains("no route serves method selfDestruct");
    }

    @Test
    void theStatusForUnservedMethodsIsConfigurable() throws Exception {
        Identity device = newDevice("unserved");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "methodName=known&unknownMethodStatus=501")).setBody(constant("{}"));
            }
        });

        assertThat(invoke(device, "unknown", "{}").status()).isEqualTo(501);
    }

    @Test
    void aReplyAfterTheCallersTimeoutIsLoggedAndDropped() throws Exception {
        Identity device = newDevice("late");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "")).delay(1500).setBody(constant("{\"late\":true}"));
            }
        });
        invoke(device, "warmUp", "{}");
        CapturedLogs.clear();

        CompletableFuture<MethodResult> call = hub.service().invokeMethod(device, "slow", "{}", Duration.ofMillis(300),
                CONNECT);

        assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS)).cause().isInstanceOf(HubException.class)
                .hasMessageContaining("504101");
        await().atMost(WAIT).until(() -> CapturedLogs.events().stream()
                .anyMatch(e -> e.message().contains("method response for unknown or finished request")));
    }

    @Test
    void aFailingRouteAnswers500WithAJsonErrorAfterCamelsErrorHandling() throws Exception {
        Identity device = newDevice("failing");
        AtomicInteger attempts = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(IllegalStateException.class).maximumRedeliveries(1).redeliveryDelay(0);
                from(uri("methods", device, "")).process(exchange -> {
                    attempts.incrementAndGet();
                    throw new IllegalStateException("valve stuck");
                });
            }
        });

        MethodResult result = invoke(device, "open", "{}");

        assertThat(attempts).as("Camel's redelivery ran before the answer").hasValue(2);
        assertThat(result.status()).isEqualTo(500);
        assertThat(json(result).path("message").asText()).isEqualTo("valve stuck");
    }

    @Test
    void aMalformedJsonReplyIsAnErrorNotASilentEmptyResponse() throws Exception {
        Identity device = newDevice("malformed");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "methodErrorStatus=502")).setBody(constant("rebooting now"));
            }
        });

        MethodResult result = invoke(device, "reboot", "{}");

        assertThat(result.status()).isEqualTo(502);
        assertThat(json(result).path("message").asText()).contains("the reply of method reboot is not valid JSON");
    }

    @Test
    void twentyConcurrentCallsAreAllAnsweredAndServedInParallel() throws Exception {
        Identity device = newDevice("concurrent");
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri("methods", device, "methodName=echo&methodConcurrency=8"))
                        .process(exchange -> mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max))
                        .delay(100)
                        .process(exchange -> running.decrementAndGet())
                        .setBody(simple("{\"n\":${body[n]}}"));
            }
        });
        invoke(device, "echo", "{\"n\":-1}");

        List<CompletableFuture<MethodResult>> calls = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            calls.add(hub.service().invokeMethod(device, "echo", "{\"n\":" + n + "}", Duration.ofSeconds(30), Duration.ZERO));
        }

        List<Integer> answers = new ArrayList<>();
        for (CompletableFuture<MethodResult> call : calls) {
            MethodResult result = call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(result.status()).isEqualTo(200);
            answers.add(json(result).path("n").asInt());
        }
        assertThat(answers).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
        assertThat(mostAtOnce.get()).as("calls served at once").isBetween(2, 8);
    }

    /** Invokes once the device has subscribed (the consumer subscribes when its route starts). */
    private static MethodResult invoke(Identity device, String method, String payload) throws Exception {
        return hub.service().invokeMethod(device, method, payload, Duration.ofSeconds(30), CONNECT).get(WAIT.toSeconds(),
                TimeUnit.SECONDS);
    }

    private static JsonNode json(MethodResult result) throws Exception {
        return JSON.readTree(result.payloadJson() == null ? "null" : result.payloadJson());
    }
}
