package io.github.iothubmqtt.camel.quarkus.test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The cloud side of the IoT Hub emulator that the Dev Service runs, through the emulator's HTTP API: what a back end
 * does with IoT Hub's service API. An identity is a device id, or {@code deviceId/moduleId} for a module.
 */
public final class EmulatorCloud {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param emulatorUrl the emulator's HTTP API, the Dev Service's {@code iothub-mqtt.emulator.url} */
    public EmulatorCloud(String emulatorUrl) {
        this.base = URI.create(emulatorUrl.endsWith("/") ? emulatorUrl : emulatorUrl + "/");
    }

    /** A telemetry message the hub received. */
    public record Telemetry(String clientId, String body, Map<String, String> systemProperties,
            Map<String, String> applicationProperties, String enqueuedTime) {
    }

    /** A direct method's answer: the device's status and its payload (JSON). */
    public record MethodAnswer(int status, String payloadJson) {
    }

    /** Queues a cloud-to-device message with these application properties. */
    public void sendC2d(String identity, String body, Map<String, String> applicationProperties) {
        HttpRequest.Builder request = request("devices/" + path(identity) + "/messages/deviceBound")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        applicationProperties.forEach((name, value) -> request.header("iothub-app-" + name, value));
        send(request);
    }

    /** Patches the desired properties ({@code null} deletes one); a connected device is notified at once. */
    public void updateDesired(String identity, String desiredPatchJson) {
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("properties").set("desired", parse(desiredPatchJson));
        send(request("twins/" + path(identity)).method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString())));
    }

    /** The twin in IoT Hub's REST shape: {@code deviceId}, {@code connectionState}, {@code properties.desired/reported}. */
    public JsonNode twin(String identity) {
        return parse(send(request("twins/" + path(identity)).GET()));
    }

    /** Polls the twin until the condition holds; fails after the timeout. */
    public JsonNode awaitTwin(String identity, Predicate<JsonNode> condition, Duration timeout) {
        return await(() -> twin(identity), condition, timeout, "the twin of " + identity + " to match");
    }

    /**
     * Invokes a direct method and waits for the answer: up to {@code connectTimeout} for the device to connect and
     * subscribe, then up to {@code responseTimeout} for its answer (IoT Hub's limits: 5 to 300 s, 0 to 300 s).
     */
    public MethodAnswer invokeMethod(String identity, String methodName, String payloadJson, Duration responseTimeout,
            Duration connectTimeout) {
        ObjectNode call = JSON.createObjectNode();
        call.put("methodName", methodName);
        call.set("payload", parse(payloadJson));
        call.put("responseTimeoutInSeconds", responseTimeout.toSeconds());
        call.put("connectTimeoutInSeconds", connectTimeout.toSeconds());
        JsonNode answer = parse(send(request("twins/" + path(identity) + "/methods")
                .timeout(responseTimeout.plus(connectTimeout).plusSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(call.toString()))));
        return new MethodAnswer(answer.path("status").asInt(), answer.path("payload").toString());
    }

    /** The telemetry the hub received from the identity, oldest first. */
    public List<Telemetry> telemetry(String identity) {
        try {
            return JSON.readValue(send(request("emulator/telemetry/" + path(identity)).GET()),
                    new TypeReference<List<Telemetry>>() {
                    });
        } catch (IOException e) {
            throw new IllegalStateException("the emulator's telemetry is not the expected JSON", e);
        }
    }

    /** Polls until the hub has received at least {@code count} messages from the identity; fails after the timeout. */
    public List<Telemetry> awaitTelemetry(String identity, int count, Duration timeout) {
        return await(() -> telemetry(identity), received -> received.size() >= count, timeout,
                count + " telemetry messages from " + identity);
    }

    private static <T> T await(Supplier<T> poll, Predicate<T> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = poll.get();
        while (!condition.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what + "; last seen: " + last);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            last = poll.get();
        }
        return last;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    }

    private String send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(built.method() + " " + built.uri().getPath() + ": "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(built.method() + " " + built.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + built.method() + " " + built.uri(), e);
        }
    }

    /** {@code device} or {@code device/module} as the API's path: {@code device} or {@code device/modules/module}. */
    private static String path(String identity) {
        int slash = identity.indexOf('/');
        return slash < 0
                ? encode(identity)
                : encode(identity.substring(0, slash)) + "/modules/" + encode(identity.substring(slash + 1));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }
}
