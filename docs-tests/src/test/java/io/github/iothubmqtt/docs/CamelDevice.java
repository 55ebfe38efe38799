package io.github.iothubmqtt.docs;

import java.security.KeyStore;
import java.util.Properties;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import io.github.iothubmqtt.camel.IotHubMqttConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * Documented routes run as a device in the test's JVM, against an emulator: the device's connection string is the
 * component's and the property {@code device.connectionString}; the component connects to the emulator's port and
 * trusts its CA.
 */
final class CamelDevice {

    private static final int SHUTDOWN_TIMEOUT_SECONDS = 5;

    private CamelDevice() {
    }

    static CamelContext create(RoutesBuilder routes, String connectionString, int port, KeyStore trust) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("device.connectionString", connectionString);
        camel.getPropertiesComponent().setInitialProperties(properties);
        IotHubMqttConfiguration configuration = camel.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration();
        configuration.setConnectionString(connectionString);
        configuration.setPort(port);
        configuration.setSslContextParameters(trusting(trust));
        camel.addRoutes(routes);
        // a test that failed may leave telemetry waiting for a hub that is gone: do not wait Camel's 45 s for it
        camel.getShutdownStrategy().setTimeout(SHUTDOWN_TIMEOUT_SECONDS);
        return camel;
    }

    static SSLContextParameters trusting(KeyStore trust) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setKeyStore(trust);
        TrustManagersParameters trustManagers = new TrustManagersParameters();
        trustManagers.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trustManagers);
        return tls;
    }
}
