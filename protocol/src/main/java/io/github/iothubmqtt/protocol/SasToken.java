package io.github.iothubmqtt.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;
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
    private static final String SR = "sr";
    private static final String SIG = "sig";
    private static final String SE = "se";
    private static final String SKN = "skn";
    private static final List<String> FIELDS = List.of(SR, SIG, SE, SKN);

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
        if (hostName == null || hostName.isEmpty() || hostName.contains("/")) {
            throw new IllegalArgumentException("host name '" + hostName + "' must be non-empty and contain no '/': "
                    + "the audience's first segment is the hub");
        }
        return hostName + "/" + identity.devicesPath();
    }

    /**
     * Creates a token for the resource, with {@code sr} URL-encoded (upper-case hex) as the CLI and C# SDK do.
     *
     * @param keyName the shared access policy name, or {@code null} for a device or module key
     */
    public static String create(String resourceUri, String base64Key, long expiryEpochSeconds, String keyName) {
        if (resourceUri == null || resourceUri.isEmpty()) {
            throw new IllegalArgumentException("SAS resource URI is empty: a token needs the audience it is for");
        }
        checkExpiry(expiryEpochSeconds);
        if (keyName != null && keyName.isEmpty()) {
            throw new IllegalArgumentException("SAS key name is empty: pass null for a device or module key");
        }
        String encodedResource = PropertyBag.encodeComponent(resourceUri);
        String signature = sign(encodedResource + "\n" + expiryEpochSeconds, base64Key);
        return PREFIX + "sr=" + encodedResource + "&sig=" + PropertyBag.encodeComponent(signature)
                + "&se=" + expiryEpochSeconds + (keyName == null ? "" : "&skn=" + PropertyBag.encodeComponent(keyName));
    }

    /** Base64 of HMAC-SHA256 over the UTF-8 text, keyed with the base64-decoded key. */
    /** Checks that a shared access key is one IoT Hub could have issued, without signing anything. */
    public static void checkKey(String base64Key) {
        decodeKey(base64Key);
    }

    public static String sign(String stringToSign, String base64Key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(decodeKey(base64Key), HMAC));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    /**
     * Parses a token; field order is free, {@code sr} is kept as written, the other fields are URL-decoded. Errors
     * name a field by its name or position, never by its value, and carry no cause that could: {@code sig} is a
     * credential, and exceptions end up in logs.
     */
    public static SasToken parse(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            throw new IllegalArgumentException("SAS token must start with '" + PREFIX.trim() + " '");
        }
        Map<String, String> fields = new HashMap<>();
        String[] parts = token.substring(PREFIX.length()).split("&");
        for (int i = 0; i < parts.length; i++) {
            int equals = parts[i].indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("SAS token field " + (i + 1) + " is not name=value");
            }
            String name = parts[i].substring(0, equals);
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("SAS token field " + (i + 1) + " is none of " + String.join(", ", FIELDS));
            }
            if (fields.put(name, parts[i].substring(equals + 1)) != null) {
                throw new IllegalArgumentException("SAS token has " + name + " more than once");
            }
        }
        String resource = fields.get(SR);
        String signature = decodedField(fields, SIG);
        String keyName = decodedField(fields, SKN);
        if (resource == null || resource.isEmpty() || signature == null || signature.isEmpty() || !fields.containsKey(SE)) {
            throw new IllegalArgumentException("SAS token needs sr, sig and se");
        }
        return new SasToken(resource, signature, expiry(fields.get(SE)), keyName == null || keyName.isEmpty() ? null : keyName);
    }

    /**
     * Checks a token as the hub does: audience for this hub and identity, not expired beyond the clock skew,
     * signed with one of the keys (primary first).
     */
    public static SasVerification verify(String token, String hostName, Identity identity, List<String> keys,
            long nowEpochSeconds) {
        return verify(token, parsed -> parsed.isFor(hostName, identity), keys, nowEpochSeconds);
    }

    /** Checks a token whose audience {@code isForAudience} accepts: expiry within the clock skew, then the signature. */
    public static SasVerification verify(String token, Predicate<SasToken> isForAudience, List<String> keys,
            long nowEpochSeconds) {
        SasToken parsed;
        try {
            parsed = parse(token);
        } catch (IllegalArgumentException e) {
            return SasVerification.MALFORMED;
        }
        if (!isForAudience.test(parsed)) {
            return SasVerification.WRONG_AUDIENCE;
        }
        // expiry + skew would overflow for an expiry near Long.MAX_VALUE; parse guarantees expiry >= 0, so this cannot
        if (nowEpochSeconds > parsed.expiry && nowEpochSeconds - parsed.expiry > HubLimits.SAS_CLOCK_SKEW_SECONDS) {
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
        return SharedAccessKey.decode(base64Key, "shared access key");
    }

    /** A percent-decoded field; the decoder's message would quote the value, so it is neither shown nor chained. */
    private static String decodedField(Map<String, String> fields, String name) {
        String value = fields.get(name);
        try {
            return value == null ? null : PropertyBag.decodeComponent(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SAS token field " + name + " is not percent-encoded UTF-8");
        }
    }

    /** Seconds since 1970 in ASCII digits: the signature covers se as written, so no other spelling may read alike. */
    private static void checkExpiry(long expiryEpochSeconds) {
        if (expiryEpochSeconds < 0 || expiryEpochSeconds > MAX_EXPIRY_EPOCH_SECONDS) {
            throw new IllegalArgumentException("SAS token: se " + expiryEpochSeconds
                    + " is not between 1970 and the end of 9999, the dates IoT Hub can read");
        }
    }

    private static long expiry(String se) {
        OptionalLong expiry = se.startsWith("-") ? OptionalLong.empty() : Query.decimal(se);
        if (expiry.isEmpty()) {
            throw new IllegalArgumentException("SAS token field se is not seconds since 1970 in ASCII digits");
        }
        checkExpiry(expiry.getAsLong());
        return expiry.getAsLong();
    }
}
