package io.github.iothubmqtt.emulator;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.github.iothubmqtt.protocol.Identity;

/**
 * One entry of the identity registry: a device or a module, authenticated either by symmetric keys (SAS) or by
 * X.509 thumbprints, enabled or disabled.
 */
public record RegisteredIdentity(Identity identity, String primaryKey, String secondaryKey, String primaryThumbprint,
        String secondaryThumbprint, boolean enabled) {

    public static RegisteredIdentity withKeys(Identity identity, String primaryKey, String secondaryKey) {
        return new RegisteredIdentity(identity, primaryKey, secondaryKey, null, null, true);
    }

    public static RegisteredIdentity withThumbprints(Identity identity, String primaryThumbprint,
            String secondaryThumbprint) {
        return new RegisteredIdentity(identity, null, null, primaryThumbprint, secondaryThumbprint, true);
    }

    public boolean isX509() {
        return primaryThumbprint != null || secondaryThumbprint != null;
    }

    /** The keys to try, primary first, as the hub does. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(2);
        if (primaryKey != null) {
            keys.add(primaryKey);
        }
        if (secondaryKey != null) {
            keys.add(secondaryKey);
        }
        return keys;
    }

    public boolean acceptsCertificate(X509Certificate certificate) {
        return Thumbprints.matches(certificate, primaryThumbprint)
                || Thumbprints.matches(certificate, secondaryThumbprint);
    }

    public RegisteredIdentity withEnabled(boolean enabled) {
        return new RegisteredIdentity(identity, primaryKey, secondaryKey, primaryThumbprint, secondaryThumbprint,
                enabled);
    }

    /** Keys never appear in logs or exception messages. */
    @Override
    public String toString() {
        return identity + (isX509() ? " (x509)" : " (sas)") + (enabled ? "" : " disabled");
    }
}
