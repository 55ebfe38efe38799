package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

class ConnectionStringFuzzTest {

    private static final Set<String> PLAIN_KEYS = Set.of("hostname", "deviceid", "moduleid", "sharedaccesskeyname",
            "gatewayhostname", "x509");

    /**
     * The input as a connection string: refused without showing a key or signature, or parsed so that its formatted
     * form parses to the same and its toString shows no secret; the lines as host, device id, module id, key, key
     * name, signature, gateway and x509: what builds parses back.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void connectionStrings(byte[] input) {
        String text = FuzzOracle.text(input);
        FuzzOracle.assertHidesSecrets(text, secrets(text), cs -> FuzzOracle.refusal(() -> ConnectionString.parse(cs)));
        ConnectionString parsed = attempt(() -> ConnectionString.parse(text));
        if (parsed != null) {
            assertReadsBack(parsed);
        }

        FuzzOracle.Lines lines = FuzzOracle.Lines.of(input);
        ConnectionString built = attempt(() -> ConnectionString.builder().hostName(lines.line(0)).deviceId(lines.line(1))
                .moduleId(lines.optional(2)).sharedAccessKey(lines.optional(3)).sharedAccessKeyName(lines.optional(4))
                .sharedAccessSignature(lines.optional(5)).gatewayHostName(lines.optional(6)).x509("true".equals(lines.line(7)))
                .build());
        if (built != null) {
            assertReadsBack(built);
        }
    }

    private static void assertReadsBack(ConnectionString connectionString) {
        ConnectionString read = ConnectionString.parse(connectionString.format());
        assertThat(read.format()).isEqualTo(connectionString.format());
        assertThat(read.identity()).isEqualTo(connectionString.identity());
        assertThat(read.sharedAccessKey()).isEqualTo(connectionString.sharedAccessKey());
        assertThat(read.sharedAccessSignature()).isEqualTo(connectionString.sharedAccessSignature());
        if (connectionString.sharedAccessKey() != null) {
            assertThat(connectionString.toString()).doesNotContain("SharedAccessKey=" + connectionString.sharedAccessKey());
        }
        if (connectionString.sharedAccessSignature() != null) {
            assertThat(connectionString.toString())
                    .doesNotContain("SharedAccessSignature=" + connectionString.sharedAccessSignature());
        }
    }

    /**
     * The values of SharedAccessKey and SharedAccessSignature (and the sig inside), and parts with no key or an unknown
     * one: a key pasted without its name.
     */
    private static List<FuzzOracle.Secret> secrets(String connectionString) {
        List<FuzzOracle.Secret> secrets = new ArrayList<>();
        int start = 0;
        while (start <= connectionString.length()) {
            int end = connectionString.indexOf(';', start);
            end = end < 0 ? connectionString.length() : end;
            int equals = connectionString.indexOf('=', start);
            String key = equals < 0 || equals > end
                    ? ""
                    : connectionString.substring(start, equals).trim().toLowerCase(Locale.ROOT);
            if (key.equals("sharedaccesskey") || key.equals("sharedaccesssignature")) {
                secrets.add(new FuzzOracle.Secret(equals + 1, end));
                int sig = connectionString.indexOf("sig=", equals);
                if (sig >= 0 && sig < end) {
                    int sigEnd = connectionString.indexOf('&', sig);
                    secrets.add(new FuzzOracle.Secret(sig + 4, sigEnd < 0 || sigEnd > end ? end : sigEnd));
                }
            } else if (!PLAIN_KEYS.contains(key)) {
                secrets.add(new FuzzOracle.Secret(start, end));
            }
            start = end + 1;
        }
        return secrets;
    }
}
