package io.github.iothubmqtt.camel.quarkus.devservices;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Registers {@link EmulatorConnectionStrings} with the application's run-time configuration. */
public final class EmulatorConnectionStringsConfigBuilder implements ConfigBuilder {

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withSources(new EmulatorConnectionStrings());
    }
}
