package io.github.iothubmqtt.camel;

import javax.net.ssl.SSLSocketFactory;

import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Sees through Camel's TLS socket factory, which configures every socket it creates. Camel declares that factory's
 * type protected in {@code BaseSSLContextParameters}, so only a subclass can name it; this one is never used as TLS
 * settings.
 */
final class CamelSocketFactories extends SSLContextParameters {

    private CamelSocketFactories() {
    }

    /** The plain factory under Camel's configuring one, or null when {@code factory} is not Camel's. */
    static SSLSocketFactory plainUnder(SSLSocketFactory factory) {
        return factory instanceof SSLSocketFactoryDecorator configuring ? configuring.getDelegate() : null;
    }
}
