package io.github.iothubmqtt.camel;

/** What {@code iothub-mqtt:twin} does as a producer. */
public enum TwinOperation {
    /** Reads the whole twin: body {@code {"desired":{…},"reported":{…}}}, both {@code $version}s as headers. */
    getTwin,
    /** Patches the reported properties with the body; the new reported {@code $version} comes back as a header. */
    updateReported
}
