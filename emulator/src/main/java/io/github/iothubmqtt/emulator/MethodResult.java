package io.github.iothubmqtt.emulator;

/** A device's answer to a direct method: the status it chose and its JSON payload (null when the body was empty). */
public record MethodResult(int status, String payloadJson) {
}
