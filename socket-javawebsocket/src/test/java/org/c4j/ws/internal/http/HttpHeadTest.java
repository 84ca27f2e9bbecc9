package org.c4j.ws.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

public class HttpHeadTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsTheEndOfAHeadAndResumesWhereItLeftOff() {
        byte[] b = bytes("HTTP/1.1 101 OK\r\nA: b\r\n\r\nframes");
        assertEquals(b.length - 6, HttpHead.endOf(b, 0, b.length));
        assertEquals(-1, HttpHead.endOf(b, 0, b.length - 7));
        assertEquals(b.length - 6, HttpHead.endOf(b, b.length - 7, b.length));
    }

    @Property(tries = 200)
    void theEndIsFoundWhateverTheReadBoundaries(@ForAll @IntRange(min = 1, max = 40) int chunk) {
        byte[] b = bytes("GET /db/_blipsync HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n\u0082\u0001");
        int length = 0;
        int end = -1;
        while (end < 0) {
            int n = Math.min(chunk, b.length - length);
            end = HttpHead.endOf(b, length, length + n);
            length += n;
        }
        assertEquals(b.length - 2, end);
    }

    @Test
    void parsesAResponseWithRepeatedAndCaseInsensitiveHeaders() throws Exception {
        byte[] b = bytes("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
                + "Set-Cookie: a=1\r\nset-cookie:b=2 \r\n\r\n");
        HttpHead.Response r = HttpHead.parseResponse(b, b.length);
        assertEquals(401, r.status());
        assertEquals("Unauthorized", r.reason());
        assertEquals("Basic realm=\"x\"", r.header("www-authenticate"));
        assertEquals(List.of("a=1", "b=2"), r.headers().get("SET-COOKIE"));
        assertNull(r.header("missing"));
    }

    @Test
    void parsesAStatusLineWithoutReason() throws Exception {
        byte[] b = bytes("HTTP/1.1 101\r\n\r\n");
        assertEquals(101, HttpHead.parseResponse(b, b.length).status());
        assertEquals("", HttpHead.parseResponse(b, b.length).reason());
    }

    @Test
    void parsesARequest() throws Exception {
        byte[] b = bytes("GET /my%20db/_blipsync?x=1 HTTP/1.1\r\nHost: h:1\r\nSec-WebSocket-Protocol: a, b\r\n\r\n");
        HttpHead.Request r = HttpHead.parseRequest(b, b.length);
        assertEquals("GET", r.method());
        assertEquals("/my%20db/_blipsync?x=1", r.target());
        assertEquals("/my%20db/_blipsync", r.path());
        assertEquals("a, b", r.header("sec-websocket-protocol"));
    }

    @Test
    void rejectsMalformedHeads() {
        for (String head : List.of("HTTP/1.1 10 X\r\n\r\n", "HTTP/1.1 abc X\r\n\r\n", "SIP/2.0 200 OK\r\n\r\n",
                "HTTP/1.1 200 OK\r\nno colon\r\n\r\n", "HTTP/1.1 200 OK\r\n: empty name\r\n\r\n",
                "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "HTTP/1.1 200 OK\r\nA: \u0001\r\n\r\n",
                "HTTP/1.1 200 OK\r\n")) {
            byte[] b = bytes(head);
            assertThrows(HttpFormatException.class, () -> HttpHead.parseResponse(b, b.length), head);
        }
        for (String head : List.of("GET /\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n",
                "GET / HTTP/2\r\n\r\n")) {
            byte[] b = bytes(head);
            assertThrows(HttpFormatException.class, () -> HttpHead.parseRequest(b, b.length), head);
        }
    }
}
