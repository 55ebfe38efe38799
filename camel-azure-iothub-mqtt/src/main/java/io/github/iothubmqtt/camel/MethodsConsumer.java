package io.github.iothubmqtt.camel;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.MethodDispatcher;
import io.github.iothubmqtt.protocol.ComponentCommand;
import io.github.iothubmqtt.protocol.Identity;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.ThreadPoolProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves direct methods as InOut exchanges: the request payload is the body, the route's reply body the response
 * payload (JSON, or empty) and its status header the status (200 by default). A failed exchange answers
 * {@code methodErrorStatus} with a JSON error body, after Camel's error handling ran. An IoT Plug and Play command
 * {@code component*command} also gets its component and command as headers of their own.
 */
class MethodsConsumer extends SessionConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(MethodsConsumer.class);
    private static final String WORKERS = "IotHubMqttMethods";
    /** The answer to a request payload that is not JSON. */
    static final int NOT_JSON_STATUS = 400;

    /** The handler registered on each session, to unregister that one. */
    private final Map<DeviceSession, MethodDispatcher.Handler> handlers = new ConcurrentHashMap<>();
    /** Calls run here, not on the session's I/O thread, so calls are served concurrently and a slow route blocks nothing. */
    private ExecutorService workers;

    MethodsConsumer(IotHubMqttEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
    }

    @Override
    protected void doStart() throws Exception {
        workers = getEndpoint().getCamelContext().getExecutorServiceManager().newThreadPool(this, WORKERS, workerProfile());
        super.doStart();
    }

    @Override
    public void attach(DeviceSession session) {
        Identity identity = session.settings().identity();
        MethodDispatcher.Handler handler = call -> workers.execute(() -> serve(identity, call));
        handlers.put(session, handler);
        session.methods().register(endpoint.getConfiguration().getMethodName(), handler);
    }

    @Override
    public void detach(DeviceSession session) {
        MethodDispatcher.Handler handler = handlers.remove(session);
        if (handler != null) {
            session.methods().unregister(endpoint.getConfiguration().getMethodName(), handler);
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (workers != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(workers);
        }
    }

    /**
     * methodConcurrency threads, created as calls come and ended when idle; calls beyond them wait in the queue. Its
     * bound must be positive: Camel turns a queue size of 0 or less into a hand-over queue whose overflow would run
     * on the session's I/O thread.
     */
    private ThreadPoolProfile workerProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile(WORKERS);
        profile.setPoolSize(endpoint.getConfiguration().getMethodConcurrency());
        profile.setMaxPoolSize(endpoint.getConfiguration().getMethodConcurrency());
        profile.setAllowCoreThreadTimeOut(true);
        profile.setMaxQueueSize(Integer.MAX_VALUE);
        return profile;
    }

    private void serve(Identity identity, MethodDispatcher.Call call) {
        Object requestBody;
        try {
            requestBody = requestBody(call.payload());
        } catch (IllegalArgumentException e) {
            // IoT Hub forwards JSON only: the route is not run for what it never should see
            LOG.warn("{}: method '{}' (request {}) answered {}: {}", identity, call.methodName(),
                    call.rid(), NOT_JSON_STATUS, e.getMessage());
            reply(call, NOT_JSON_STATUS, errorBody(e));
            return;
        }
        Exchange exchange = createExchange(false);
        exchange.setPattern(ExchangePattern.InOut);
        int status;
        byte[] payload;
        try {
            Message request = exchange.getMessage();
            request.setHeader(IotHubMqttConstants.IDENTITY, identity.clientId());
            request.setHeader(IotHubMqttConstants.METHOD_NAME, call.methodName());
            ComponentCommand command = ComponentCommand.parse(call.methodName());
            request.setHeader(IotHubMqttConstants.COMMAND_NAME, command.command());
            if (command.component() != null) {
                request.setHeader(IotHubMqttConstants.COMPONENT_NAME, command.component());
            }
            request.setHeader(IotHubMqttConstants.REQUEST_ID, call.rid());
            request.setBody(requestBody);
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
            Message reply = exchange.getMessage();
            payload = JsonBodies.toJson(exchange, reply.getBody(), "the reply of method " + call.methodName());
            status = reply.getHeader(IotHubMqttConstants.METHOD_STATUS, 200, Integer.class);
        } catch (Exception e) {
            status = endpoint.getConfiguration().getMethodErrorStatus();
            payload = errorBody(e);
            getExceptionHandler().handleException("Method " + call.methodName() + " failed; answered " + status, exchange, e);
        } finally {
            releaseExchange(exchange, false);
        }
        reply(call, status, payload);
    }

    /** The request payload as the body type, parsed once; {@code null} when empty. */
    private Object requestBody(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        JsonBodyType type = endpoint.getConfiguration().getBodyType();
        JsonNode tree = JsonBodies.readTree(payload, "the method request");
        return type == JsonBodyType.String ? new String(payload, StandardCharsets.UTF_8) : JsonBodies.fromTree(tree, type);
    }

    private static void reply(MethodDispatcher.Call call, int status, byte[] payload) {
        call.reply(status, payload).whenComplete((sent, error) -> {
            if (error != null) {
                LOG.info("The answer {} to method {} (request {}) could not be sent: {}", status, call.methodName(), call.rid(),
                        error.getMessage());
            }
        });
    }

    private static byte[] errorBody(Exception e) {
        try {
            return JsonBodies.json().writeValueAsBytes(Map.of("error", e.getClass().getSimpleName(),
                    "message", String.valueOf(e.getMessage())));
        } catch (Exception unexpected) {
            return "{\"error\":\"method failed\"}".getBytes(StandardCharsets.UTF_8);
        }
    }
}
