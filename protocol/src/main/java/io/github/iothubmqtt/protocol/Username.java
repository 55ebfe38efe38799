package io.github.iothubmqtt.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MQTT user name: {@code {hub}/{deviceId}[/{moduleId}]/?api-version={v}[&DeviceClientType={ua}][&model-id={dtmi}]}.
 * Parsing is lenient, as the hub's is: a missing {@code ?} (split at {@code api-version=}) or a missing slash before it
 * are accepted, and parameters in any order.
 */
public final class Username {

    private static final String API_VERSION = "api-version";
    private static final String DEVICE_CLIENT_TYPE = "DeviceClientType";
    private static final String MODEL_ID = "model-id";

    private final String hostName;
    private final Identity identity;
    private final Map<String, String> parameters;

    private Username(String hostName, Identity identity, Map<String, String> parameters) {
        this.hostName = hostName;
        this.identity = identity;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * @param deviceClientType product information sent as {@code DeviceClientType}, or {@code null}
     * @param modelId the IoT Plug and Play model id (DTMI), or {@code null}
     */
    public static String build(String hostName, Identity identity, String apiVersion, String deviceClientType, String modelId) {
        if (hostName == null || hostName.isEmpty() || hostName.contains("/") || hostName.contains("?")) {
            throw new IllegalArgumentException("host name '" + hostName + "' must be non-empty and contain no '/' or '?': "
                    + "the user name's path would not read back");
        }
        // the first '?' ends the path, as the hub reads it: an id with one would be cut there
        if (identity.clientId().contains("?")) {
            throw new IllegalArgumentException("client id '" + identity.clientId()
                    + "' contains '?', which would end the user name's path: IoT Hub could not read the identity back");
        }
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("api-version is empty: IoT Hub requires it in the user name");
        }
        StringBuilder username = new StringBuilder(hostName).append('/').append(identity.clientId())
                .append("/?" + API_VERSION + "=").append(PropertyBag.encodeComponent(apiVersion));
        if (deviceClientType != null && !deviceClientType.isEmpty()) {
            username.append('&' + DEVICE_CLIENT_TYPE + '=').append(PropertyBag.encodeComponent(deviceClientType));
        }
        if (modelId != null && !modelId.isEmpty()) {
            username.append('&' + MODEL_ID + '=').append(PropertyBag.encodeComponent(modelId));
        }
        return username.toString();
    }

    public static Username parse(String username) {
        if (username == null || username.isEmpty()) {
            throw new IllegalArgumentException("user name is empty: IoT Hub expects {hub}/{deviceId}/?api-version=…");
        }
        int query = username.indexOf('?');
        int split = query >= 0 ? query : username.indexOf(API_VERSION + "=");
        String path = split >= 0 ? username.substring(0, split) : username;
        String parameterText = split < 0 ? "" : username.substring(query >= 0 ? split + 1 : split);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2 || segments.length > 3 || segments[0].isEmpty()) {
            throw new IllegalArgumentException(
                    "user name " + ClientText.quote(username) + " is not {hub}/{deviceId}[/{moduleId}]/?api-version=…");
        }
        Identity identity = segments.length == 2 ? Identity.device(segments[1]) : Identity.module(segments[1], segments[2]);
        return new Username(segments[0], identity, parameters(parameterText));
    }

    public String hostName() {
        return hostName;
    }

    public Identity identity() {
        return identity;
    }

    /** The {@code api-version}, or {@code null} when the client sent none. */
    public String apiVersion() {
        return parameters.get(API_VERSION);
    }

    /** The IoT Plug and Play model id ({@code model-id}), or {@code null} when the client announced none. */
    public String modelId() {
        String modelId = parameters.get(MODEL_ID);
        return modelId == null || modelId.isEmpty() ? null : modelId;
    }

    /** All query parameters, decoded where they decode. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** Client libraries encode differently (lower-case hex, {@code +}); a value that does not decode is kept as sent. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String item : text.split("&")) {
            if (item.isEmpty()) {
                continue;
            }
            int equals = item.indexOf('=');
            String name = equals < 0 ? item : item.substring(0, equals);
            String value = equals < 0 ? "" : item.substring(equals + 1);
            try {
                value = PropertyBag.decodeComponent(value);
            } catch (IllegalArgumentException keptAsSent) {
                // the hub does not reject a user name for how its product information is encoded
            }
            parameters.put(name, value);
        }
        return parameters;
    }
}
