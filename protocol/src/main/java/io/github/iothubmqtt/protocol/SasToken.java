package io.github.iothubmqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shared access signatures: {@code SharedAccessSignature sr={resource}&sig={signature}&se={expiry}[&skn={policy}]}.
 * The signature is HMAC-SHA256, keyed with the base64-decoded key, over {@code sr} exactly as written, a newline
 * and {@code se}. The hub keeps {@code sr} raw for the signature but decodes it for the audience, which is why
 * tokens with raw ({@code /}) and encoded ({@code %2F}) resources are both valid.
 */
public final class SasToken {

    private static final String PREFIX = "SharedAccessSignature ";
    private static final String HMAC = "HmacSHA256";
    /**
     * 9999-12-31T23:59:59Z. The hub reads {@code se} into a .NET date, whose range ends there: a later expiry is not
     * a date, and the token is refused like any malformed one. The limit also keeps every timer and duration built
     * from an expiry far from overflow.
     */
    public static final long MAX_EXPIRY_EPOCH_SECONDS = 253_402_300_799L;

    private final String resource;
    private final String signature;
    private final long expiry;
    private final String keyName;

    private SasToken(String resource, String signature, long expiry, String keyName) {
        this.resource = resource;
        this.signature = signature;
        this.expiry = expiry;
        this.keyName = keyName;
    }

    /** The audience of a device or module token: {@code {host}/devices/{d}[/modules/{m}]}. */
    public static String resourceUri(String hostName, Identity identity) {
        return hostName + "/" + identity.devicesPath();
    }

    /**
     * Creates a token for the resource, with {@code sr} URL-encoded (upper-case hex) as the CLI and C# SDK do.
     *
     * @param keyName the shared access policy name, or {@code null} for a device or module key
     */
    public static String create(String resourceUri, String base64Key, long expiryEpochSeconds, String keyName) {
        checkExpiry(expiryEpochSeconds);
        String encodedResource = PropertyBag.encodeComponent(resourceUri);
        String signature = sign(encodedResource + "\n" + expiryEpochSeconds, base64Key);
        return PREFIX + "sr=" + encodedResource + "&sig=" + PropertyBag.encodeComponent(signature)
                + "&se=" + expiryEpochSeconds + (keyName == null ? "" : "&skn=" + PropertyBag.encodeComponent(keyName));
    }

    /** Base64 of HMAC-SHA256 over the UTF-8 text, keyed with the base64-decoded key. */
    public static String sign(String stringToSign, String base64Key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(decodeKey(base64Key), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /** Parses a token; field order is free, {@code sr} is kept as written, the other fields are URL-decoded. */
    public static SasToken parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("SAS token must start with '" + PREFIX.trim() + " '");
        }
        String resource = null;
        String signature = null;
        String expiry = null;
        String keyName = null;
        for (String field : token.substring(PREFIX.length()).split("&")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("SAS token field '" + fieldName(field) + "' is not name=value");
            }
            String name = field.substring(0, equals);
            String value = field.substring(equals + 1);
            switch (name) {
                case "sr" -> resource = value;
                case "sig" -> signature = PropertyBag.decodeComponent(value);
                case "se" -> expiry = value;
                case "skn" -> keyName = PropertyBag.decodeComponent(value);
                default -> throw new IllegalArgumentException("SAS token has an unknown field '" + name + "'");
            }
        }
        if (resource == null || resource.isEmpty() || signature == null || signature.isEmpty() || expiry == null) {
            throw new IllegalArgumentException("SAS token needs sr, sig and se");
        }
        long expirySeconds;
        try {
            expirySeconds = Long.parseLong(expiry);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SAS token: se " + ClientText.quote(expiry) + " is not seconds since 1970", e);
        }
        checkExpiry(expirySeconds);
        return new SasToken(resource, signature, expirySeconds, keyName == null || keyName.isEmpty() ? null : keyName);
    }

    private static void checkExpiry(long expiryEpochSeconds) {
        if (expiryEpochSeconds < 0 || expiryEpochSeconds > MAX_EXPIRY_EPOCH_SECONDS) {
            throw new IllegalArgumentException("SAS token: se " + expiryEpochSeconds
                    + " is not between 1970 and the end of 9999, the dates IoT Hub can read");
        }
    }

    /**
     * Checks a token as the hub does: audience for this hub and identity, not expired beyond the clock skew,
     * signed with one of the keys (primary first).
     */
    public static SasVerification verify(String token, String hostName, Identity identity, List<String> keys, long nowEpochSeconds) {
        SasToken parsed;
        try {
            parsed = parse(token);
        } catch (IllegalArgumentException e) {
            return SasVerification.MALFORMED;
        }
        if (!parsed.isFor(hostName, identity)) {
            return SasVerification.WRONG_AUDIENCE;
        }
        if (nowEpochSeconds > parsed.expiry + HubLimits.SAS_CLOCK_SKEW_SECONDS) {
            return SasVerification.EXPIRED;
        }
        String stringToSign = parsed.resource + "\n" + parsed.expiry;
        byte[] presented = parsed.signature.getBytes(StandardCharsets.UTF_8);
        for (String key : keys) {
            if (key != null && MessageDigest.isEqual(sign(stringToSign, key).getBytes(StandardCharsets.UTF_8), presented)) {
                return SasVerification.VALID;
            }
        }
        return SasVerification.BAD_SIGNATURE;
    }

    /** {@code sr} exactly as written in the token. */
    public String resource() {
        return resource;
    }

    /** {@code sr} URL-decoded. */
    public String audience() {
        try {
            return PropertyBag.decodeComponent(resource);
        } catch (IllegalArgumentException e) {
            return resource;
        }
    }

    public String signature() {
        return signature;
    }

    /** Expiry in seconds since 1970. */
    public long expiry() {
        return expiry;
    }

    /** The policy name, or {@code null} for a device or module key. */
    public String keyName() {
        return keyName;
    }

    @Override
    public String toString() {
        return "SasToken[audience=" + audience() + ", expiry=" + expiry + (keyName == null ? "" : ", keyName=" + keyName) + "]";
    }

    private boolean isFor(String hostName, Identity identity) {
        String[] parts = audience().split("/", -1);
        boolean hostMatches = parts[0].toLowerCase(Locale.ROOT).equals(hostName.toLowerCase(Locale.ROOT));
        if (identity.isModule()) {
            return hostMatches && parts.length == 5 && "devices".equals(parts[1]) && identity.deviceId().equals(parts[2])
                    && "modules".equals(parts[3]) && identity.moduleId().equals(parts[4]);
        }
        return hostMatches && parts.length == 3 && "devices".equals(parts[1]) && identity.deviceId().equals(parts[2]);
    }

    private static byte[] decodeKey(String base64Key) {
        try {
            return Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("shared access key is not valid base64", e);
        }
    }

    /** The name part of a malformed field, never its value: values may be secrets. */
    private static String fieldName(String field) {
        return field.length() <= 3 ? field : field.substring(0, 3) + "…";
    }
}
