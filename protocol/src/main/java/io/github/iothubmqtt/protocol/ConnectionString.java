package io.github.iothubmqtt.protocol;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A device or module connection string: {@code HostName=…;DeviceId=…[;ModuleId=…];SharedAccessKey=…}, or with
 * {@code SharedAccessSignature=…} or {@code x509=true}, optionally {@code SharedAccessKeyName} and
 * {@code GatewayHostName}. Errors name the key that is wrong; {@link #toString()} never shows a secret.
 */
public final class ConnectionString {

    private static final String HOST_NAME = "HostName";
    private static final String DEVICE_ID = "DeviceId";
    private static final String MODULE_ID = "ModuleId";
    private static final String SHARED_ACCESS_KEY = "SharedAccessKey";
    private static final String SHARED_ACCESS_KEY_NAME = "SharedAccessKeyName";
    private static final String SHARED_ACCESS_SIGNATURE = "SharedAccessSignature";
    private static final String GATEWAY_HOST_NAME = "GatewayHostName";
    private static final String X509 = "x509";
    private static final Pattern HOST_NAME_CHARACTERS = Pattern.compile("[A-Za-z0-9.-]+");
    private static final String[] KEYS = {HOST_NAME, DEVICE_ID, MODULE_ID, SHARED_ACCESS_KEY, SHARED_ACCESS_KEY_NAME,
            SHARED_ACCESS_SIGNATURE, GATEWAY_HOST_NAME, X509};
    private static final String MASK = "****";

    private final String hostName;
    private final Identity identity;
    private final String sharedAccessKey;
    private final String sharedAccessKeyName;
    private final String sharedAccessSignature;
    private final String gatewayHostName;
    private final boolean x509;

    private ConnectionString(Builder builder) {
        this.hostName = checkHostName(HOST_NAME, builder.hostName);
        if (builder.deviceId == null && builder.sharedAccessKeyName != null) {
            throw new IllegalArgumentException("connection string: this is the hub's connection string of a shared access"
                    + " policy (SharedAccessKeyName, no DeviceId); a device needs its own: the device's page in the"
                    + " Azure portal, or az iot hub device-identity connection-string show --hub-name <hub> --device-id <id>");
        }
        if (builder.deviceId == null) {
            throw new IllegalArgumentException("connection string: " + DEVICE_ID + " is missing");
        }
        this.identity = identity(builder.deviceId, builder.moduleId);
        this.sharedAccessKey = checkValue(SHARED_ACCESS_KEY, builder.sharedAccessKey);
        this.sharedAccessKeyName = checkValue(SHARED_ACCESS_KEY_NAME, builder.sharedAccessKeyName);
        this.sharedAccessSignature = checkValue(SHARED_ACCESS_SIGNATURE, builder.sharedAccessSignature);
        this.gatewayHostName = builder.gatewayHostName == null
                ? null
                : checkHostName(GATEWAY_HOST_NAME, builder.gatewayHostName);
        this.x509 = builder.x509;
        checkCredentials();
    }

    /** Parses a connection string; keys are matched without regard to case, values may contain {@code =}. */
    public static ConnectionString parse(String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("connection string is empty");
        }
        checkNotQuoted(connectionString.trim());
        Map<String, String> values = new LinkedHashMap<>();
        String[] segments = connectionString.trim().split(";");
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i].trim();
            if (segment.isEmpty()) {
                continue;
            }
            int equals = segment.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("connection string: part " + (i + 1) + " is not Key=Value");
            }
            String key = canonicalKey(segment.substring(0, equals).trim(), i + 1);
            if (values.put(key, segment.substring(equals + 1).trim()) != null) {
                throw new IllegalArgumentException("connection string: " + key + " appears more than once");
            }
        }
        Builder builder = builder()
                .hostName(nonEmpty(values, HOST_NAME))
                .deviceId(decodedDeviceId(nonEmpty(values, DEVICE_ID)))
                .moduleId(nonEmpty(values, MODULE_ID))
                .sharedAccessKey(nonEmpty(values, SHARED_ACCESS_KEY))
                .sharedAccessKeyName(nonEmpty(values, SHARED_ACCESS_KEY_NAME))
                .sharedAccessSignature(nonEmpty(values, SHARED_ACCESS_SIGNATURE))
                .gatewayHostName(nonEmpty(values, GATEWAY_HOST_NAME));
        String x509 = nonEmpty(values, X509);
        if (x509 != null && !x509.equalsIgnoreCase("true") && !x509.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("connection string: " + X509 + " must be true or false");
        }
        return builder.x509("true".equalsIgnoreCase(x509)).build();
    }

    /** Quotes copied with the string (from a shell, a .env file or YAML) would otherwise fail as a bad HostName. */
    private static void checkNotQuoted(String text) {
        for (char quote : new char[] {'"', '\'', '\u201c', '\u201d', '\u2018', '\u2019'}) {
            if (text.charAt(0) == quote || text.charAt(text.length() - 1) == quote) {
                throw new IllegalArgumentException("connection string is quoted: it " + (text.charAt(0) == quote
                        ? "starts"
                        : "ends") + " with the quote " + quote + " (U+" + String.format("%04X", (int) quote)
                        + "); remove the quotes around it, they are not part of the string");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String hostName() {
        return hostName;
    }

    public String deviceId() {
        return identity.deviceId();
    }

    public String moduleId() {
        return identity.moduleId();
    }

    public Identity identity() {
        return identity;
    }

    public String sharedAccessKey() {
        return sharedAccessKey;
    }

    public String sharedAccessKeyName() {
        return sharedAccessKeyName;
    }

    public String sharedAccessSignature() {
        return sharedAccessSignature;
    }

    public String gatewayHostName() {
        return gatewayHostName;
    }

    public boolean isX509() {
        return x509;
    }

    /** Where the TLS connection goes: the gateway when there is one, else the hub. */
    public String connectHost() {
        return gatewayHostName != null ? gatewayHostName : hostName;
    }

    /** The full connection string, secrets included: for handing to a device, never for logs. */
    public String format() {
        return render(false);
    }

    @Override
    public String toString() {
        return render(true);
    }

    private String render(boolean masked) {
        // parse URL-decodes the device id, so its '%' (a valid id character) is written as %25 to read back unchanged
        StringBuilder text = new StringBuilder(
                HOST_NAME + "=" + hostName + ";" + DEVICE_ID + "=" + identity.deviceId().replace("%", "%25"));
        append(text, MODULE_ID, identity.moduleId());
        append(text, SHARED_ACCESS_KEY_NAME, sharedAccessKeyName);
        append(text, SHARED_ACCESS_KEY, masked && sharedAccessKey != null ? MASK : sharedAccessKey);
        append(text, SHARED_ACCESS_SIGNATURE, masked && sharedAccessSignature != null ? MASK : sharedAccessSignature);
        append(text, GATEWAY_HOST_NAME, gatewayHostName);
        append(text, X509, x509 ? "true" : null);
        return text.toString();
    }

    private static void append(StringBuilder text, String key, String value) {
        if (value != null) {
            text.append(';').append(key).append('=').append(value);
        }
    }

    private void checkCredentials() {
        int credentials = (sharedAccessKey != null ? 1 : 0) + (sharedAccessSignature != null ? 1 : 0) + (x509 ? 1 : 0);
        if (credentials == 0) {
            throw new IllegalArgumentException("connection string: " + SHARED_ACCESS_KEY + " is missing (or give "
                    + SHARED_ACCESS_SIGNATURE + ", or x509=true for certificate authentication)");
        }
        if (credentials > 1) {
            throw new IllegalArgumentException("connection string: " + SHARED_ACCESS_KEY + ", " + SHARED_ACCESS_SIGNATURE
                    + " and x509=true exclude each other; give exactly one");
        }
        if (sharedAccessKey != null) {
            SharedAccessKey.decode(sharedAccessKey, "connection string: " + SHARED_ACCESS_KEY);
        }
        if (sharedAccessSignature != null && !sharedAccessSignature.startsWith("SharedAccessSignature ")) {
            throw new IllegalArgumentException("connection string: " + SHARED_ACCESS_SIGNATURE
                    + " must start with 'SharedAccessSignature '");
        }
    }

    /** Refuses a value that {@link #parse} could not read back; the message never shows it, as it may be a secret. */
    private static String checkValue(String key, String value) {
        if (value != null && (value.isEmpty() || value.contains(";") || !value.equals(value.trim()))) {
            throw new IllegalArgumentException("connection string: " + key
                    + " must be non-empty, contain no ';' and neither start nor end with white space");
        }
        return value;
    }

    private static Identity identity(String deviceId, String moduleId) {
        try {
            return new Identity(deviceId, moduleId);
        } catch (IllegalArgumentException e) {
            String key = moduleId != null && e.getMessage().startsWith("module") ? MODULE_ID : DEVICE_ID;
            throw new IllegalArgumentException("connection string: " + key + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String checkHostName(String key, String host) {
        if (host == null) {
            throw new IllegalArgumentException("connection string: " + key + " is missing");
        }
        if (!HOST_NAME_CHARACTERS.matcher(host).matches() || host.startsWith(".") || host.endsWith(".")) {
            throw new IllegalArgumentException("connection string: " + key + " '" + host
                    + "' is not a host name (letters, digits, '-' and '.', e.g. myhub.azure-devices.net)");
        }
        return host;
    }

    private static String canonicalKey(String key, int part) {
        for (String known : KEYS) {
            if (known.equalsIgnoreCase(key)) {
                return known;
            }
        }
        // the key itself is not shown: a key pasted without its name would otherwise be echoed
        throw new IllegalArgumentException("connection string: part " + part + " has an unknown key; known keys are "
                + String.join(", ", KEYS));
    }

    /** Device ids may arrive URL-encoded, as the Java SDK accepts them. */
    private static String decodedDeviceId(String deviceId) {
        try {
            return deviceId == null ? null : PropertyBag.decodeComponent(deviceId);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("connection string: " + DEVICE_ID + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String nonEmpty(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("connection string: " + key + " is empty");
        }
        return value;
    }

    /** Builds a connection string from parts; {@link #build()} applies the same checks as {@link #parse}. */
    public static final class Builder {
        private String hostName;
        private String deviceId;
        private String moduleId;
        private String sharedAccessKey;
        private String sharedAccessKeyName;
        private String sharedAccessSignature;
        private String gatewayHostName;
        private boolean x509;

        private Builder() {
        }

        public Builder hostName(String hostName) {
            this.hostName = hostName;
            return this;
        }

        public Builder deviceId(String deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder moduleId(String moduleId) {
            this.moduleId = moduleId;
            return this;
        }

        public Builder identity(Identity identity) {
            return deviceId(identity.deviceId()).moduleId(identity.moduleId());
        }

        public Builder sharedAccessKey(String sharedAccessKey) {
            this.sharedAccessKey = sharedAccessKey;
            return this;
        }

        public Builder sharedAccessKeyName(String sharedAccessKeyName) {
            this.sharedAccessKeyName = sharedAccessKeyName;
            return this;
        }

        public Builder sharedAccessSignature(String sharedAccessSignature) {
            this.sharedAccessSignature = sharedAccessSignature;
            return this;
        }

        public Builder gatewayHostName(String gatewayHostName) {
            this.gatewayHostName = gatewayHostName;
            return this;
        }

        public Builder x509(boolean x509) {
            this.x509 = x509;
            return this;
        }

        public ConnectionString build() {
            return new ConnectionString(this);
        }
    }
}
