package io.github.iothubmqtt.camel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionCounters;
import io.github.iothubmqtt.camel.session.SessionStatus;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's developer console for the component ({@code camel get iothub-mqtt}, the dev console HTTP endpoint, Hawtio):
 * every session with its state, last disconnect reason and counters.
 */
@DevConsole(name = "iothub-mqtt", displayName = "Azure IoT Hub MQTT", description = "Device sessions: state, last disconnect and counters")
public class SessionsDevConsole extends AbstractDevConsole {

    public SessionsDevConsole() {
        super("camel", "iothub-mqtt", "Azure IoT Hub MQTT", "Device sessions: state, last disconnect and counters");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder text = new StringBuilder();
        for (DeviceSession session : sessions()) {
            SessionStatus status = session.status();
            SessionCounters counters = session.counters();
            text.append(String.format("%s %s: %s, last disconnect %s%s, %d connects, %d reconnects, %d renewals, %d in flight,"
                    + " %d C2D, %d method calls, %d throttled%n", session.settings().hostName(), status.clientId(),
                    status.state(),
                    status.lastDisconnectReason(),
                    status.lastDisconnectDetail() == null ? "" : " (" + status.lastDisconnectDetail() + ")",
                    counters.connects(), status.reconnectCount(), status.renewalCount(), status.inFlight(),
                    counters.cloudToDeviceMessages(), counters.methodCalls(), counters.throttledAnswers()));
        }
        return text.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        List<JsonObject> sessions = new ArrayList<>();
        for (DeviceSession session : sessions()) {
            SessionStatus status = session.status();
            SessionCounters counters = session.counters();
            JsonObject json = new JsonObject();
            json.put("hub", session.settings().hostName());
            json.put("identity", status.clientId());
            json.put("state", status.state().name());
            json.put("lastDisconnectReason", status.lastDisconnectReason().name());
            json.put("lastDisconnectDetail", status.lastDisconnectDetail());
            json.put("connectedSince", status.connectedSince() == null ? null : status.connectedSince().toString());
            json.put("tokenExpiresAt", status.tokenExpiresAt() == null ? null : status.tokenExpiresAt().toString());
            json.put("connects", counters.connects());
            json.put("reconnects", status.reconnectCount());
            json.put("renewals", status.renewalCount());
            json.put("inFlight", status.inFlight());
            json.put("cloudToDeviceMessages", counters.cloudToDeviceMessages());
            json.put("methodCalls", counters.methodCalls());
            json.put("throttledAnswers", counters.throttledAnswers());
            sessions.add(json);
        }
        JsonObject root = new JsonObject();
        root.put("sessions", sessions);
        return root;
    }

    private List<DeviceSession> sessions() {
        if (!(getCamelContext().hasComponent("iothub-mqtt") instanceof IotHubMqttComponent component)) {
            return List.of();
        }
        List<DeviceSession> sessions = new ArrayList<>(component.getSessionHealthChecks().keySet());
        sessions.sort(Comparator.comparing(session -> session.settings().key()));
        return sessions;
    }
}
