package io.github.iothubmqtt.camel;

import io.github.iothubmqtt.camel.test.EndpointFailures;
import java.util.Properties;

import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mistakes new users make with connection strings in endpoint URIs each get a message that says what to do, and
 * never shows the key.
 */
class ConnectionStringMistakesTest extends CamelTestSupport {

    /** A key with '+' and '/', as Azure makes them. */
    private static final String KEY = "q1w2+e3r4/t5y6u7i8o9p0==";
    private static final String DEVICE = "HostName=contoso.azure-devices.net;DeviceId=thermostat-1;SharedAccessKey=" + KEY;

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.setProperty("quoted.connection-string", "\"" + DEVICE + "\"");
        return properties;
    }

    @Test
    void aConnectionStringWithoutRawIsToldToUseIt() {
        assertThat(EndpointFailures.messages(context, "iothub-mqtt:telemetry?connectionString=" + DEVICE))
                .contains("SharedAccessKey contains a space", "without RAW()", "connectionString=RAW(")
                .doesNotContain(KEY, KEY.replace('+', ' '));
    }

    @Test
    void aServiceConnectionStringAsksForTheDevicesOwn() {
        assertThat(EndpointFailures.messages(context,
                "iothub-mqtt:telemetry?connectionString=RAW(HostName=contoso.azure-devices.net;"
                        + "SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY + ")"))
                .contains("a device needs its own", "az iot hub device-identity connection-string show")
                .doesNotContain(KEY);
    }

    @Test
    void aQuotedConnectionStringNamesTheQuote() {
        assertThat(
                EndpointFailures.messages(context, "iothub-mqtt:telemetry?connectionString=RAW({{quoted.connection-string}})"))
                .contains("connection string is quoted: it starts with the quote \"")
                .doesNotContain(KEY);
    }
}
