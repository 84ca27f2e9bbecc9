package org.c4j.storage.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.junit.jupiter.api.Test;

class Utf8Test {
    @Property(tries = 500)
    void encodesLikeTheJdkAndRoundTrips(@ForAll @StringLength(min = 1, max = 120) String s) {
        Assume.that(s.equals(new String(s.getBytes(UTF_8), UTF_8))); // well-formed (no lone surrogates)
        ByteBuffer buf = ByteBuffer.allocateDirect(1024);
        int n = Utf8.encode(s, buf, 3, 1000);
        byte[] got = new byte[n];
        buf.get(3, got);
        assertArrayEquals(s.getBytes(UTF_8), got);
        assertEquals(s, Utf8.decode(buf, 3, n));
    }

    @Test
    void rejectsEmptyTooLongAndLoneSurrogates() {
        ByteBuffer buf = ByteBuffer.allocateDirect(16);
        for (String bad : new String[] {"", "abcde", "é\u00e9é", "\uD800", "a\uDC00", "\uD83D"}) {
            C4Exception e = assertThrows(C4Exception.class, () -> Utf8.encode(bad, buf, 0, 4));
            assertEquals(LiteCore.INVALID_PARAMETER, e.code(), bad);
        }
        assertEquals(4, Utf8.encode("\uD83D\uDE00", buf, 0, 4));
        assertEquals(4, Utf8.encode("abcd", buf, 0, 4));
    }
}
