package io.github.iothubmqtt.camel.session;

import java.io.EOFException;
import java.io.IOException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.eclipse.paho.client.mqttv3.MqttException;

/** Reads Paho's exceptions: which ones mean "try again on the next connection", and why a connection ended. */
final class PahoErrors {

    private PahoErrors() {
    }

    /** True when the message did not get through because of the connection, not because of the message. */
    static boolean isConnectionProblem(Throwable error) {
        if (!(error instanceof MqttException mqtt)) {
            return false;
        }
        return switch (mqtt.getReasonCode()) {
            case MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, MqttException.REASON_CODE_CLIENT_DISCONNECTING,
                    MqttException.REASON_CODE_CONNECTION_LOST, MqttException.REASON_CODE_CLIENT_CLOSED,
                    MqttException.REASON_CODE_CLIENT_TIMEOUT, MqttException.REASON_CODE_SERVER_CONNECT_ERROR,
                    MqttException.REASON_CODE_CONNECT_IN_PROGRESS, MqttException.REASON_CODE_CLIENT_EXCEPTION ->
                true;
            default -> false;
        };
    }

    static DisconnectReason connectFailureReason(Throwable error) {
        if (isProxyRefusal(error)) {
            return DisconnectReason.PROXY_NOT_AUTHORIZED;
        }
        if (error instanceof MqttException mqtt) {
            switch (mqtt.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED :
                    return DisconnectReason.NOT_AUTHORIZED;
                case MqttException.REASON_CODE_CLIENT_TIMEOUT :
                    return DisconnectReason.TIMEOUT;
                default :
                    if (hasCause(error, IOException.class)) {
                        return DisconnectReason.NETWORK_ERROR;
                    }
            }
        }
        return DisconnectReason.CONNECT_FAILED;
    }

    /** True when the HTTP proxy answered 407: its credentials are wrong or missing. */
    static boolean isProxyRefusal(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ProxyException proxy && proxy.credentialsRefused()) {
                return true;
            }
        }
        return false;
    }

    static DisconnectReason lossReason(Throwable cause) {
        if (cause instanceof MqttException mqtt && mqtt.getReasonCode() == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
            return DisconnectReason.TIMEOUT;
        }
        if (hasCause(cause, EOFException.class)) {
            return DisconnectReason.CLOSED_BY_HUB;
        }
        if (hasCause(cause, IOException.class)) {
            return DisconnectReason.NETWORK_ERROR;
        }
        return DisconnectReason.CLOSED_BY_HUB;
    }

    /** Whether a connect failed in its TLS handshake or on a TLS alert. */
    static boolean failedTls(Throwable error) {
        return hasCause(error, SSLException.class);
    }

    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(tlsHint(error));
        text.append(error.getMessage());
        if (error instanceof MqttException mqtt) {
            text.append(" (").append(mqtt.getReasonCode()).append(')');
        }
        if (error.getCause() != null && error.getCause() != error) {
            text.append(": ").append(error.getCause().getClass().getSimpleName());
            if (error.getCause().getMessage() != null) {
                text.append(' ').append(error.getCause().getMessage());
            }
        }
        return text.toString();
    }

    /**
     * What the user sets when the handshake failed on the hub's certificate, as a sentence before the error; empty
     * for other errors. The JDK's own messages ("PKIX path building failed") do not say which option fixes them.
     */
    private static String tlsHint(Throwable error) {
        if (hasCause(error, CertPathBuilderException.class) || hasCause(error, CertPathValidatorException.class)) {
            return "the hub's certificate is not trusted: set trustCertificates to the PEM file of the CA that issued"
                    + " it (for Azure IoT Hub the JVM's trust store suffices; for an IoT Edge gateway or an emulator"
                    + " give its CA), or the trust of sslContextParameters or camel.ssl with"
                    + " useGlobalSslContextParameters. ";
        }
        if (hasCause(error, SSLHandshakeException.class) && hasCause(error, CertificateException.class)) {
            return "the hub's certificate was refused (e.g. it does not name the host connected to: connect by a name"
                    + " in the certificate). ";
        }
        return "";
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
