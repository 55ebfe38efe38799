package io.github.iothubmqtt.protocol;

/** The outcome of checking a SAS token as the hub does. */
public enum SasVerification {
    VALID,
    /** Not {@code SharedAccessSignature sr=…&sig=…&se=…}. */
    MALFORMED,
    /** The token's {@code sr} names another hub or identity. */
    WRONG_AUDIENCE,
    /** {@code se} lies more than the allowed clock skew in the past. */
    EXPIRED,
    /** The signature matches neither the primary nor the secondary key. */
    BAD_SIGNATURE
}
