package io.github.iothubmqtt.camel.quarkus.graal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Paho encodes the WebSocket handshake key through {@code java.util.prefs}, which a native image does not support;
 * {@link Base64} gives the same standard encoding.
 */
@TargetClass(className = "org.eclipse.paho.client.mqttv3.internal.websocket.Base64")
final class PahoWebSocketBase64Substitution {

    @Substitute
    public static String encode(String text) {
        return encodeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    @Substitute
    public static String encodeBytes(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
