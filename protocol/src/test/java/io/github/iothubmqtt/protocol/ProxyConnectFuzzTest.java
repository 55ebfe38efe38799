package io.github.iothubmqtt.protocol;

import static io.github.iothubmqtt.protocol.FuzzOracle.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

class ProxyConnectFuzzTest {

    /**
     * The input as the bytes a proxy answers to CONNECT: the head ends exactly at the first blank line (nothing after
     * it is taken), or is refused at its limit; its status line parses or is refused with a message, and a parsed
     * status is a three-digit status whose reason quotes no control character.
     */
    @FuzzTest(maxDuration = FuzzOracle.MAX_DURATION, maxExecutions = FuzzOracle.RUNS)
    void answers(byte[] input) {
        ProxyConnect.Head head = new ProxyConnect.Head();
        int taken = 0;
        boolean complete = false;
        while (taken < input.length && !complete) {
            int at = taken;
            Boolean added = attempt(() -> head.add(input[at]));
            if (added == null) {
                assertThat(taken).isEqualTo(ProxyConnect.MAX_HEAD_BYTES);
                return;
            }
            complete = added;
            taken++;
        }
        assertThat(complete).isEqualTo(blankLineEnd(input) > 0);
        if (!complete) {
            return;
        }
        assertThat(taken).isEqualTo(blankLineEnd(input));
        ProxyConnect.Answer answer = attempt(head::answer);
        if (answer != null) {
            assertThat(answer.status()).isBetween(100, 999);
            assertThat(answer.reason()).doesNotContainPattern("[\\x00-\\x1f\\x7f]");
        }
    }

    /** Where the first blank line (LF LF, or LF CR LF) ends within the head's limit, or 0 when none does. */
    private static int blankLineEnd(byte[] input) {
        for (int i = 1; i < Math.min(input.length, ProxyConnect.MAX_HEAD_BYTES); i++) {
            if (input[i] == '\n' && (input[i - 1] == '\n' || i >= 2 && input[i - 1] == '\r' && input[i - 2] == '\n')) {
                return i + 1;
            }
        }
        return 0;
    }
}
