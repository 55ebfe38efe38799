package io.github.iothubmqtt.camel;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Connection strings as a Camel Pipe hands them to the component, and those it must leave alone. */
class PipeEncodingTest {

    private static final String DEVICE = "HostName=h.azure-devices.net;DeviceId=d%41;SharedAccessKey=a+b/c==";

    @Test
    void decodesWhatAPipeEncodedAndResolvesAPlaceholder() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            Properties properties = new Properties();
            properties.setProperty("device.connectionString", DEVICE);
            context.getPropertiesComponent().setInitialProperties(properties);

            assertThat(PipeEncoding.connectionString("%7B%7Bdevice.connectionString%7D%7D", context)).isEqualTo(DEVICE);
            assertThat(PipeEncoding.connectionString(
                    "HostName%3Dh.azure-devices.net%3BDeviceId%3Dd%2541%3BSharedAccessKey%3Da%2Bb%2Fc%3D%3D", context))
                    .isEqualTo(DEVICE);
            // a plain string, even with a '%' in its device id, is left as it is
            assertThat(PipeEncoding.connectionString(DEVICE, context)).isEqualTo(DEVICE);
            assertThat(PipeEncoding.connectionString("not-a-connection-string", context)).isEqualTo("not-a-connection-string");
            assertThat(PipeEncoding.connectionString("broken%zz", context)).isEqualTo("broken%zz");
            assertThat(PipeEncoding.connectionString(null, context)).isNull();
        }
    }
}
