package io.github.iothubmqtt.camel.session;

import java.util.concurrent.ScheduledExecutorService;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttToken;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.internal.ClientComms;
import org.eclipse.paho.client.mqttv3.internal.wire.MqttPingReq;

/**
 * Paho's keep-alive pinger on the sessions' shared scheduler, plus a PINGREQ on demand: Paho only pings after a
 * whole keep-alive of silence, which leaves a dead path unnoticed for minutes while messages wait for their PUBACK.
 */
final class ProbingPingSender extends ScheduledExecutorPingSender {

    private volatile ClientComms comms;

    ProbingPingSender(ScheduledExecutorService scheduler) {
        super(scheduler);
    }

    @Override
    public void init(ClientComms comms) {
        super.init(comms);
        this.comms = comms;
    }

    /** Sends a PINGREQ now; the listener hears of the PINGRESP. */
    void probe(IMqttActionListener listener) throws MqttException {
        ClientComms target = comms;
        if (target == null) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        MqttToken token = new MqttToken(target.getClient().getClientId());
        token.setActionCallback(listener);
        target.sendNoWait(new MqttPingReq(), token);
    }
}
