package io.github.iothubmqtt.camel;

/** What {@code iothub-mqtt:twin} does as a producer. */
public enum TwinOperation {
    /** Reads the whole twin: body {@code {"desired":{…},"reported":{…}}}, both {@code $version}s as headers. */
    getTwin,
    /** Patches the reported properties with the body; the new reported {@code $version} comes back as a header. */
    updateReported,
    /**
     * Answers writable properties by the IoT Plug and Play convention: each property of the body (the desired patch,
     * or the values the device took) is reported as {@code {"value":…,"ac":…,"av":…,"ad":…}}, inside its component.
     */
    acknowledgeDesired
}
