package io.github.iothubmqtt.camel;

import java.util.Map;

import io.github.iothubmqtt.camel.session.DeviceSession;
import io.github.iothubmqtt.camel.session.SessionStatus;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckResultBuilder;

/** Readiness of one device session: up while connected (a routine SAS renewal counts as up). */
public final class SessionHealthCheck implements HealthCheck {

    private final DeviceSession session;
    private final String id;
    private boolean enabled = true;

    SessionHealthCheck(DeviceSession session) {
        this.session = session;
        this.id = "iothub-mqtt:" + session.settings().key();
    }

    @Override
    public String getGroup() {
        return "camel";
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public boolean isLiveness() {
        return false; // a hub outage must not restart the application
    }

    @Override
    public Result call(Map<String, Object> options) {
        SessionStatus status = session.status();
        HealthCheckResultBuilder result = HealthCheckResultBuilder.on(this)
                .detail("client.id", status.clientId())
                .detail("state", status.state().name())
                .detail("last.disconnect.reason", status.lastDisconnectReason().name())
                .detail("reconnect.count", status.reconnectCount())
                .detail("renewal.count", status.renewalCount());
        if (status.lastDisconnectDetail() != null) {
            result.detail("last.disconnect.detail", status.lastDisconnectDetail());
        }
        return (status.connected()
                ? result.up()
                : result.down().message(status.clientId() + " is " + status.state() + " ("
                        + status.lastDisconnectReason() + ")"))
                .build();
    }
}
