package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

class SasTokenFuzzTest {

    private static final String PREFIX = "SharedAccessSignature ";
    private static final String KEY = "+XLy+MVZ+aTeOnVzN2kLeB16O+kSxmz6g3rS6fAf6rw=";
    private static final Identity DEVICE = Identity.device("d");

    /**
     * The input as a token: parsed or refused without showing a signature, and verified without an exception; the lines
     * as host, device id, module id, key, expiry, key name and the time of the check: what is created parses back and
     * verifies as the hub would, valid until five minutes past its expiry.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void tokens(byte[] input) {
        String text = FuzzOracle.text(input);
        FuzzOracle.assertHidesSecrets(text, secrets(text), token -> FuzzOracle.refusal(() -> SasToken.parse(token)));
        SasToken.verify(text, "h", DEVICE, List.of(KEY), 0);

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        Identity identity = FuzzOracle.identity(lines, 1);
        String host = lines.line(0);
        String key = lines.line(3);
        Long expiry = FuzzOracle.number(lines.line(4));
        String keyName = lines.optional(5);
        Long now = FuzzOracle.number(lines.line(6));
        String resource = identity == null ? null : attempt(() -> SasToken.resourceUri(host, identity));
        String token = resource == null || expiry == null
                ? null
                : attempt(() -> SasToken.create(resource, key, expiry, keyName));
        if (token == null) {
            return;
        }
        SasToken parsed = SasToken.parse(token);
        assertThat(parsed.audience()).isEqualTo(resource);
        assertThat(parsed.expiry()).isEqualTo(expiry);
        assertThat(parsed.keyName()).isEqualTo(keyName);
        assertThat(parsed.signature()).isEqualTo(SasToken.sign(parsed.resource() + "\n" + expiry, key));
        if (now != null) {
            boolean withinSkew = now <= expiry || now - expiry <= HubLimits.SAS_CLOCK_SKEW_SECONDS;
            assertThat(SasToken.verify(token, host, identity, List.of(key), now))
                    .isEqualTo(withinSkew ? SasVerification.VALID : SasVerification.EXPIRED);
        }
    }

    /** The sig values, and fields that are not name=value or have another name: a signature pasted without its name. */
    private static List<FuzzOracle.Secret> secrets(String token) {
        List<FuzzOracle.Secret> secrets = new ArrayList<>();
        if (!token.startsWith(PREFIX)) {
            return secrets;
        }
        int start = PREFIX.length();
        while (start <= token.length()) {
            int end = token.indexOf('&', start);
            end = end < 0 ? token.length() : end;
            int equals = token.indexOf('=', start);
            String name = equals < 0 || equals > end ? null : token.substring(start, equals);
            if ("sig".equals(name)) {
                secrets.add(new FuzzOracle.Secret(equals + 1, end));
            } else if (name == null || !Set.of("sr", "se", "skn").contains(name)) {
                secrets.add(new FuzzOracle.Secret(start, end));
            }
            start = end + 1;
        }
        return secrets;
    }
}
