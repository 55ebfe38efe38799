package io.github.iothubmqtt.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, with every header as given: the JDK's client will not send a foreign Host, which is
 * what a DNS-rebinding page makes a browser send.
 */
final class RawHttp {

    /** A status line's code and the body after the headers. */
    record Response(int status, String body) {
    }

    private RawHttp() {
    }

    static Response send(int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) PahoDevice.WAIT.toMillis());
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // the server may answer (413) and close before reading all of a large body
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (IOException e) {
                // a reset after the answer: what was read is the answer
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            if (!text.startsWith("HTTP/1.1 ")) {
                throw new IOException("no HTTP answer: '" + text + "'");
            }
            int bodyStart = text.indexOf("\r\n\r\n");
            return new Response(Integer.parseInt(text.substring(9, 12)), bodyStart < 0 ? "" : text.substring(bodyStart + 4));
        }
    }
}
