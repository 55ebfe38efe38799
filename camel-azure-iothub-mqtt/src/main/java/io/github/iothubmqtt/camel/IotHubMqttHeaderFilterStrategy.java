package io.github.iothubmqtt.camel;

import org.apache.camel.support.DefaultHeaderFilterStrategy;

/** Keeps Camel's own headers (including this component's) out of the hub's application properties. */
public class IotHubMqttHeaderFilterStrategy extends DefaultHeaderFilterStrategy {

    public IotHubMqttHeaderFilterStrategy() {
        setOutFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
        setInFilterStartsWith(CAMEL_FILTER_STARTS_WITH);
    }
}
