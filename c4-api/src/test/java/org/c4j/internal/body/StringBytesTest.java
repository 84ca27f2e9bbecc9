package org.c4j.internal.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * An ASCII String is parsed from its own bytes; any other String is copied first. Either way the result is the
 * one its UTF-8 bytes give, and the String is left as it was.
 */
class StringBytesTest {
    @Test
    void asciiStringsShowTheirOwnBytesOthersDoNot() {
        String ascii = "{\"a\":\"plain ascii ? text\",\"n\":[1,2.5,-3]}";
        byte[] own = StringBytes.ascii(ascii);
        if (Runtime.version().feature() > 22) {
            assertNull(own, "not used where sun.misc.Unsafe's field access is deprecated for removal");
            return;
        }
        assertNotNull(own, "this JDK keeps compact strings (the default)");
        assertArrayEquals(ascii.getBytes(StandardCharsets.UTF_8), own);
        assertNull(StringBytes.ascii("{\"a\":\"caf\u00e9\"}"));      // Latin-1, not ASCII
        assertNull(StringBytes.ascii("{\"a\":\"\u20ac\"}"));         // UTF-16
        assertNull(StringBytes.ascii("{\"a\":\"\ud800\"}"));         // an unpaired surrogate
        String tail = "x".repeat(37) + "\u0080";                   // the last byte of an odd length
        assertNull(StringBytes.ascii(tail));
        assertNotNull(StringBytes.ascii(""));
    }

    @Test
    void everyKindOfStringParsesAsItsUtf8Does() {
        String[] texts = {
            "{\"a\":\"plain ascii ? text\",\"b\":{\"z\":1,\"y\":true}}",
            "{\"a\":\"caf\u00e9 ? \u00ff\"}",
            "{\"a\":\"\u20ac and \ud83d\ude00\"}",
            "{\"a\":\"esc\\u00e9\\n\"}",
        };
        for (String t : texts) {
            String before = new String(t.toCharArray());
            JsonToMsgpack.Encoded fromString = JsonToMsgpack.encode(t);
            byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
            JsonToMsgpack.Encoded fromBytes = JsonToMsgpack.encode(utf8, 0, utf8.length);
            assertArrayEquals(fromBytes.msgpack(), fromString.msgpack(), t);
            assertArrayEquals(fromBytes.canonical(), fromString.canonical(), t);
            assertEquals(before, t);
        }
    }
}
