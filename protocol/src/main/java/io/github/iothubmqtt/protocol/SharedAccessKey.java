package io.github.iothubmqtt.protocol;

import java.util.Base64;

/**
 * Decodes a device, module or policy key (base64). Errors name the key by {@code what}, never by its value, and carry
 * no cause: the decoder's message names a character of the key.
 */
final class SharedAccessKey {

    private SharedAccessKey() {
    }

    static byte[] decode(String base64Key, String what) {
        if (base64Key == null || base64Key.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (base64Key.indexOf(' ') >= 0) {
            // base64 has no spaces, but an endpoint URI reads '+' as one
            throw new IllegalArgumentException(what + " contains a space, which base64 never does: a '+' of the key"
                    + " was probably read as a space because it was written in a Camel endpoint URI without RAW();"
                    + " write the value as RAW(...), e.g. connectionString=RAW(HostName=...;DeviceId=...;SharedAccessKey=...)");
        }
        try {
            return Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not valid base64");
        }
    }
}
