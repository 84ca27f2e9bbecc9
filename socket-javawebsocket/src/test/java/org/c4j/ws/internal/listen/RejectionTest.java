package org.c4j.ws.internal.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.c4j.ws.internal.http.HttpHead;
import org.junit.jupiter.api.Test;

public class RejectionTest {

    @Test
    void rendersACompleteResponseThatOurParserReads() throws Exception {
        byte[] bytes = new Rejection(401, Map.of("WWW-Authenticate", "Basic realm=\"Couchbase Lite\""), "nope")
                .toBytes();
        int end = HttpHead.endOf(bytes, 0, bytes.length);
        HttpHead.Response r = HttpHead.parseResponse(bytes, end);
        assertEquals(401, r.status());
        assertEquals("Unauthorized", r.reason());
        assertEquals("Basic realm=\"Couchbase Lite\"", r.header("WWW-Authenticate"));
        assertEquals("close", r.header("Connection"));
        String body = new String(bytes, end, bytes.length - end, StandardCharsets.UTF_8);
        assertEquals("nope\n", body);
        assertEquals(String.valueOf(body.length()), r.header("Content-Length"));
    }
}
