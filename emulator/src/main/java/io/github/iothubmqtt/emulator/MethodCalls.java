package io.github.iothubmqtt.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.iothubmqtt.protocol.ClientText;
import io.github.iothubmqtt.protocol.HubLimits;
import io.github.iothubmqtt.protocol.Identity;
import io.github.iothubmqtt.protocol.MethodTopics;

/**
 * Direct methods, hub side: a request goes out at QoS 0 to a device subscribed to {@code $iothub/methods/POST/#};
 * the call fails with 404103 when the device is not there (after waiting up to the connect timeout) and with 504101
 * when its answer does not come within the response timeout. Hub thread only.
 */
final class MethodCalls {

    private static final Logger LOG = LoggerFactory.getLogger(MethodCalls.class);

    /** A call waiting for the device's answer or, before that, for the device to come online. */
    private static final class Call {
        final Identity identity;
        final String name;
        final byte[] payload;
        final Duration responseTimeout;
        final CompletableFuture<MethodResult> result = new CompletableFuture<>();
        long timer = -1;

        Call(Identity identity, String name, byte[] payload, Duration responseTimeout) {
            this.identity = identity;
            this.name = name;
            this.payload = payload;
            this.responseTimeout = responseTimeout;
        }
    }

    private final HubThread thread;
    private final Sessions sessions;
    private final Map<String, Call> awaitingAnswer = new HashMap<>();
    private final List<Call> awaitingDevice = new ArrayList<>();
    private long lastRid;

    MethodCalls(HubThread thread, Sessions sessions) {
        this.thread = thread;
        this.sessions = sessions;
    }

    CompletableFuture<MethodResult> invoke(Identity identity, String name, String payloadJson,
            Duration responseTimeout, Duration connectTimeout) {
        MethodTopics.checkMethodName(name);
        byte[] payload = (payloadJson == null ? "null" : payloadJson).getBytes(StandardCharsets.UTF_8);
        if (payload.length > HubLimits.MAX_METHOD_PAYLOAD_BYTES) {
            throw new HubException(HubError.MESSAGE_TOO_LARGE, "a method payload of " + payload.length
                    + " bytes exceeds IoT Hub's limit of " + HubLimits.MAX_METHOD_PAYLOAD_BYTES);
        }
        Call call = new Call(identity, name, payload, responseTimeout);
        if (isReachable(identity)) {
            send(call);
        } else if (connectTimeout.isZero() || connectTimeout.isNegative()) {
            fail(call, HubError.DEVICE_NOT_ONLINE, identity + " is not connected or not subscribed to methods");
        } else {
            awaitingDevice.add(call);
            call.timer = thread.timer(connectTimeout, () -> {
                if (awaitingDevice.remove(call)) {
                    fail(call, HubError.DEVICE_NOT_ONLINE, identity + " did not come online within " + connectTimeout);
                }
            });
        }
        return call.result;
    }

    /** A device just subscribed to methods: send what waited for it. */
    void deviceReachable(Identity identity) {
        for (Iterator<Call> it = awaitingDevice.iterator(); it.hasNext();) {
            Call call = it.next();
            if (call.identity.equals(identity)) {
                it.remove();
                thread.cancel(call.timer);
                send(call);
            }
        }
    }

    /** The device's answer on {@code $iothub/methods/res/{status}/?$rid=…}. */
    void answer(Identity from, MethodTopics.Response response, byte[] body) {
        Call call = awaitingAnswer.get(response.rid());
        if (call == null || !call.identity.equals(from)) {
            LOG.info("{}: method response for unknown or finished request $rid {} ignored", from,
                    ClientText.quote(response.rid()));
            return;
        }
        awaitingAnswer.remove(response.rid());
        thread.cancel(call.timer);
        String payload = body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
        call.result.complete(new MethodResult(response.status(), payload));
    }

    private boolean isReachable(Identity identity) {
        return sessions.find(identity).map(s -> s.canReceive(SubscriptionKind.METHODS)).orElse(false);
    }

    private void send(Call call) {
        String rid = Long.toString(++lastRid);
        awaitingAnswer.put(rid, call);
        sessions.connection(call.identity)
                .ifPresent(c -> c.publishAtMostOnce(MethodTopics.requestTopic(call.name, rid), call.payload));
        call.timer = thread.timer(call.responseTimeout, () -> {
            if (awaitingAnswer.remove(rid) != null) {
                fail(call, HubError.GATEWAY_TIMEOUT, call.identity + " did not answer method '" + call.name
                        + "' within " + call.responseTimeout);
            }
        });
    }

    private static void fail(Call call, HubError error, String detail) {
        LOG.info("{}: {} for method '{}': {}", call.identity, error, call.name, detail);
        call.result.completeExceptionally(new HubException(error, detail));
    }
}
