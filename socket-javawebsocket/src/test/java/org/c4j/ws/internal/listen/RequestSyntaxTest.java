package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.c4j.ws.internal.http.HttpHead;
import org.junit.jupiter.api.Test;

public class RequestSyntaxTest {

    private static HttpHead.Request rq(String target, String... headers) throws Exception {
        StringBuilder b = new StringBuilder("GET ").append(target).append(" HTTP/1.1\r\nHost: x\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        byte[] head = b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return HttpHead.parseRequest(head, head.length);
    }

    private static String basic(byte[] raw) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void wellFormedRequestsPass() throws Exception {
        assertNull(RequestSyntax.problem(rq("/db/_blipsync")));
        assertNull(RequestSyntax.problem(rq("/d%C3%A9j%C3%A0/_blipsync?x=%zz"))); // the query is not ours to judge
        assertNull(RequestSyntax.problem(rq("/db/_blipsync", basic("ada:pw:with:colons".getBytes()))));
        assertNull(RequestSyntax.problem(rq("/db/_blipsync", "Authorization: Bearer abc.def")));
    }

    @Test
    void malformedTargetsAreProblems() throws Exception {
        assertNotNull(RequestSyntax.problem(rq("*")));
        assertNotNull(RequestSyntax.problem(rq("http://host/db/_blipsync")));
        assertNotNull(RequestSyntax.problem(rq("/%zz/_blipsync")));
        assertNotNull(RequestSyntax.problem(rq("/db%2/_blipsync")));
        assertNotNull(RequestSyntax.problem(rq("/%FF%FE/_blipsync")), "invalid UTF-8");
        assertNotNull(RequestSyntax.problem(rq("/%C0%AF/_blipsync")), "overlong UTF-8");
        assertNotNull(RequestSyntax.problem(rq("/a%00b/_blipsync")), "NUL");
        assertNotNull(RequestSyntax.problem(rq("/caf\u00e9/_blipsync")), "raw non-ASCII");
    }

    @Test
    void malformedBasicCredentialsAreProblems() throws Exception {
        assertNotNull(RequestSyntax.problem(rq("/db/_blipsync", "Authorization: Basic")));
        assertNotNull(RequestSyntax.problem(rq("/db/_blipsync", "Authorization: Basic !!!not-base64")));
        assertNotNull(RequestSyntax.problem(rq("/db/_blipsync", basic("no-colon".getBytes()))));
        assertNotNull(RequestSyntax.problem(rq("/db/_blipsync", basic(new byte[] {'a', ':', (byte) 0xFF}))));
    }
}
