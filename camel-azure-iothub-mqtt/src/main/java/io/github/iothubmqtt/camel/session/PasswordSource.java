package io.github.iothubmqtt.camel.session;

/** Makes the password for each CONNECT, so every connect (and every renewal) can use a fresh SAS token. */
@FunctionalInterface
public interface PasswordSource {

    ConnectPassword next();
}
