package io.github.iothubmqtt.camel;

/** The Java type of JSON bodies the twin and methods endpoints hand to routes. */
public enum JsonBodyType {
    /** The JSON text. */
    String,
    /** Maps, lists and scalars, as Jackson reads them: handy in the simple language ({@code ${body[key]}}). */
    Map,
    /** A Jackson {@code JsonNode}. */
    JsonNode
}
