package io.github.iothubmqtt.camel.session;

import java.util.Collections;
import java.util.Enumeration;

import org.eclipse.paho.client.mqttv3.MqttClientPersistence;
import org.eclipse.paho.client.mqttv3.MqttPersistable;

/**
 * Paho's store for unacknowledged messages, left empty on purpose. The session's outbox is where unacknowledged
 * messages live and are re-sent from, and every connection gets a fresh client, so nothing Paho stored would ever be
 * read again: storing it would only cost a synchronized table write and remove per message.
 */
final class PahoKeepsNothing implements MqttClientPersistence {

    @Override
    public void open(String clientId, String serverUri) {
        // nothing to open
    }

    @Override
    public void close() {
        // nothing to close
    }

    @Override
    public void put(String key, MqttPersistable message) {
        // the outbox holds the message until its PUBACK
    }

    @Override
    public MqttPersistable get(String key) {
        return null;
    }

    @Override
    public void remove(String key) {
        // nothing was stored
    }

    @Override
    public Enumeration<String> keys() {
        return Collections.emptyEnumeration();
    }

    @Override
    public void clear() {
        // nothing was stored
    }

    @Override
    public boolean containsKey(String key) {
        return false;
    }
}
