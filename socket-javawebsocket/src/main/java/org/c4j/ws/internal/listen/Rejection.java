package org.c4j.ws.internal.listen;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.c4j.ws.internal.WsWire;

/**
 * A listener's refusal of an upgrade request: the HTTP status, extra response headers and a short plain-text
 * explanation (never containing secrets). {@link #toBytes()} renders the complete response. Immutable;
 * thread-safe.
 */
public record Rejection(int status, Map<String, String> headers, String message) {
    public Rejection {
        headers = Map.copyOf(headers);
    }

    public static Rejection of(int status, String message) {
        return new Rejection(status, Map.of(), message);
    }

    /** The whole HTTP/1.1 response: status line, headers, blank line, body; the connection closes after it. */
    public byte[] toBytes() {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(status).append(' ').append(WsWire.reasonPhrase(status)).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append(WsWire.CONTENT_TYPE).append(": text/plain; charset=utf-8\r\n")
                .append(WsWire.CONTENT_LENGTH).append(": ").append(body.length).append("\r\n")
                .append(WsWire.CONNECTION).append(": close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }
}
