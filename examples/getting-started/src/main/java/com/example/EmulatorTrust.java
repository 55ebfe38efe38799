package com.example;

import io.github.iothubmqtt.camel.IotHubMqttComponent;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/** Trusts the emulator's CA, from the trust store made with keytool; leave it out for a real IoT Hub. */
public class EmulatorTrust implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:emulator-trust.p12");
        trustStore.setType("PKCS12");
        trustStore.setPassword("changeit");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setTrustManagers(trust);
        context.getComponent("iothub-mqtt", IotHubMqttComponent.class).getConfiguration().setSslContextParameters(tls);
    }
}
