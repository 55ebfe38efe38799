package io.github.iothubmqtt.catalog;

/** An {@code iothub-mqtt:} endpoint URI as written somewhere in the repository, and where. */
record EndpointUri(String uri, String origin) {

    static final String SCHEME = "iothub-mqtt:";

    @Override
    public String toString() {
        return uri + "  (" + origin + ")";
    }
}
