package io.github.iothubmqtt.camel;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.spi.UriParam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a user when an endpoint asks its identity's shared connection for other connection options than the endpoint
 * that opened it: the connection keeps the first ones. The connection options are exactly the fields of
 * {@link IotHubMqttConnectionConfiguration}; credentials are not compared.
 */
final class ConnectionOptionsCheck {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionOptionsCheck.class);
    /** Equal for every user of one session: they make its key. */
    private static final List<String> IDENTITY = List.of("hostName", "deviceId", "moduleId");
    private static final List<Field> COMPARED = comparedFields();

    private final Map<String, IotHubMqttConnectionConfiguration> openedWith = new ConcurrentHashMap<>();

    void acquired(String sessionKey, IotHubMqttConnectionConfiguration options) {
        IotHubMqttConnectionConfiguration first = openedWith.putIfAbsent(sessionKey, options);
        if (first == null || first == options) {
            return;
        }
        List<String> differences = differences(first, options);
        if (!differences.isEmpty()) {
            LOG.warn("An endpoint of {} sets {} differently from the endpoint that opened its connection; the"
                    + " connection is shared and keeps the first settings", sessionKey, String.join(", ", differences));
        }
    }

    void released(String sessionKey) {
        openedWith.remove(sessionKey);
    }

    static List<String> differences(IotHubMqttConnectionConfiguration first, IotHubMqttConnectionConfiguration other) {
        List<String> differences = new ArrayList<>();
        for (Field field : COMPARED) {
            try {
                if (!Objects.equals(field.get(first), field.get(other))) {
                    differences.add(field.getName());
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return differences;
    }

    private static List<Field> comparedFields() {
        List<Field> fields = new ArrayList<>();
        for (Field field : IotHubMqttConnectionConfiguration.class.getDeclaredFields()) {
            UriParam option = field.getAnnotation(UriParam.class);
            if (option != null && !option.secret() && !IDENTITY.contains(field.getName())) {
                field.setAccessible(true);
                fields.add(field);
            }
        }
        return List.copyOf(fields);
    }
}
