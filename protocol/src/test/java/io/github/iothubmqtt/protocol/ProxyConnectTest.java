package io.github.iothubmqtt.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class ProxyConnectTest {

    @Test
    void theRequestNamesTheTargetAndCarriesBasicCredentials() {
        String request = new String(ProxyConnect.request("contoso.azure-devices.net", 8883, "alice", "pä:ss"),
                StandardCharsets.UTF_8);

        String credentials = Base64.getEncoder().encodeToString("alice:pä:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(request).isEqualTo("CONNECT contoso.azure-devices.net:8883 HTTP/1.1\r\n"
                + "Host: contoso.azure-devices.net:8883\r\n"
                + "Proxy-Authorization: Basic " + credentials + "\r\n\r\n");
    }

    @Test
    void withoutAUserNameTheRequestHasNoCredentialsAndIpv6TargetsAreBracketed() {
        assertThat(new String(ProxyConnect.request("::1", 443, null, null), StandardCharsets.UTF_8))
                .isEqualTo("CONNECT [::1]:443 HTTP/1.1\r\nHost: [::1]:443\r\n\r\n");
        assertThat(new String(ProxyConnect.request("[::1]", 443, null, null), StandardCharsets.UTF_8))
                .startsWith("CONNECT [::1]:443 HTTP/1.1\r\n");
    }

    @Test
    void whatCannotBeSentIsRefusedWithoutShowingThePassword() {
        assertThatThrownBy(() -> ProxyConnect.request("hub\r\nX-Injected: 1", 443, null, null))
                .hasMessageContaining("proxy host").hasMessageNotContaining("\r\n");
        assertThatThrownBy(() -> ProxyConnect.check("proxy", 0, null, null)).hasMessageContaining("proxy port");
        assertThatThrownBy(() -> ProxyConnect.check("proxy", 3128, "a:b", "s3cret")).hasMessageContaining("':'")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ProxyConnect.check("proxy", 3128, "alice", "s3cret\r\n"))
                .hasMessageContaining("control characters").hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> ProxyConnect.check("proxy", 3128, null, "s3cret"))
                .hasMessageContaining("needs a proxy user name").hasMessageNotContaining("s3cret");
    }

    @Test
    void readsTheStatusLineAndStopsAtTheBlankLine() {
        ProxyConnect.Head head = new ProxyConnect.Head();
        byte[] answer = "HTTP/1.1 200 Connection established\r\nVia: squid\r\n\r\nTUNNEL".getBytes(StandardCharsets.UTF_8);

        int used = feed(head, answer);

        assertThat(used).isEqualTo(answer.length - "TUNNEL".length());
        assertThat(head.answer()).isEqualTo(new ProxyConnect.Answer(200, "Connection established"));
        assertThat(head.answer().tunnelOpened()).isTrue();
    }

    @Test
    void acceptsBareLineFeedsAndAMissingReason() {
        ProxyConnect.Head head = new ProxyConnect.Head();

        feed(head, "HTTP/1.0 407\nProxy-Authenticate: Basic realm=\"corp\"\n\n".getBytes(StandardCharsets.UTF_8));

        assertThat(head.answer()).isEqualTo(new ProxyConnect.Answer(407, ""));
        assertThat(head.answer().tunnelOpened()).isFalse();
        assertThat(head.answer()).hasToString("407");
    }

    @Test
    void garbageIsNotHttpAndIsQuotedOnlyInPrintableShortForm() {
        ProxyConnect.Head head = new ProxyConnect.Head();
        feed(head, ("SSH-2.0-OpenSSH\u0007" + "x".repeat(200) + "\n\n").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(head::answer).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the proxy's answer is not HTTP: 'SSH-2.0-OpenSSH?xxx")
                .hasMessageEndingWith("...'");
        for (String notAStatusLine : new String[] {"HTTP/2 200 OK", "HTTP/1.1 20 OK", "HTTP/1.1 099 X", "HTTP/1.1 200OK",
                "http/1.1 200 OK"}) {
            ProxyConnect.Head other = new ProxyConnect.Head();
            feed(other, (notAStatusLine + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(other::answer).as(notAStatusLine).hasMessageContaining("not HTTP");
        }
    }

    @Test
    void anEndlessHeadIsRefusedAtItsLimit() {
        ProxyConnect.Head head = new ProxyConnect.Head();
        head.add('H');
        for (int i = 1; i < ProxyConnect.MAX_HEAD_BYTES; i++) {
            assertThat(head.add('x')).isFalse();
        }

        assertThatThrownBy(() -> head.add('x')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("within " + ProxyConnect.MAX_HEAD_BYTES + " bytes");
    }

    @Test
    void aHeadIsReadOnlyWhenComplete() {
        ProxyConnect.Head head = new ProxyConnect.Head();
        feed(head, "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(head::answer).isInstanceOf(IllegalStateException.class);
    }

    /** Adds bytes until the head is complete; how many it took. */
    private static int feed(ProxyConnect.Head head, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (head.add(bytes[i])) {
                return i + 1;
            }
        }
        return bytes.length;
    }
}
