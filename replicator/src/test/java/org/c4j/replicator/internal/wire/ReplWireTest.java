package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

public class ReplWireTest {
    @Test
    void boolPropertiesParseLikeLiteCore() {
        assertTrue(ReplWire.parseBool("true", false));
        assertTrue(ReplWire.parseBool("TRUE", false));
        assertTrue(ReplWire.parseBool("Yes", false));
        assertTrue(ReplWire.parseBool("1", false));
        assertTrue(ReplWire.parseBool("-3", false));
        assertFalse(ReplWire.parseBool("0", true));
        assertFalse(ReplWire.parseBool("no", true));
        assertFalse(ReplWire.parseBool("False", true));
        assertTrue(ReplWire.parseBool(null, true));
        assertTrue(ReplWire.parseBool("maybe", true), "unparseable -> default");
        assertFalse(ReplWire.parseBool("", false));
    }

    @Test
    void intPropertiesParseLikeStrtol() {
        assertEquals(200, ReplWire.parseLong("200", 0));
        assertEquals(-5, ReplWire.parseLong("-5", 0));
        assertEquals(7, ReplWire.parseLong("+7", 0));
        assertEquals(12, ReplWire.parseLong("  12", 0));
        assertEquals(9, ReplWire.parseLong("12 ", 9));
        assertEquals(9, ReplWire.parseLong("", 9));
        assertEquals(9, ReplWire.parseLong("-", 9));
        assertEquals(9, ReplWire.parseLong("++1", 9));
        assertEquals(9, ReplWire.parseLong("1.5", 9));
        assertEquals(Long.MAX_VALUE, ReplWire.parseLong("99999999999999999999999", 0));
        assertEquals(Long.MIN_VALUE, ReplWire.parseLong("-99999999999999999999999", 0));
    }

    @Property(tries = 300)
    void decimalNumbersParse(@ForAll long n) {
        assertEquals(n, ReplWire.parseLong(Long.toString(n), n == 0 ? 1 : 0));
    }

    @Test
    void errorsGoOutAsLiteCoreDoes() {
        assertEquals(new BlipError("HTTP", 409, "conflict"),
                ReplWire.toBlipError(new C4Exception(ErrorDomain.WEBSOCKET, 409, "conflict")));
        assertEquals(new BlipError("WebSocket", 1008, "x"),
                ReplWire.toBlipError(new C4Exception(ErrorDomain.WEBSOCKET, 1008, "x")));
        assertEquals(new BlipError("LiteCore", 8, "c"),
                ReplWire.toBlipError(new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CONFLICT, "c")));
        assertEquals(new BlipError("HTTP", 422, "d"), ReplWire.toBlipError(
                new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.DELTA_BASE_UNKNOWN, "d")));
        assertEquals(new BlipError("HTTP", 422, "d"), ReplWire.toBlipError(
                new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.CORRUPT_DELTA, "d")));
        assertEquals(new BlipError("POSIX", 104, ""), ReplWire.toBlipError(new C4Exception(ErrorDomain.POSIX, 104, null)));
        assertEquals(new BlipError("BLIP", 400, "Invalid x: y"), ReplWire.toBlipError(Json.malformed("x", "y")));
    }

    @Test
    void errorsComeInAsLiteCoreDoes() {
        assertTrue(ReplWire.fromBlipError("HTTP", 404, "").is(ErrorDomain.WEBSOCKET, 404));
        assertTrue(ReplWire.fromBlipError("LiteCore", 8, "").is(ErrorDomain.LITECORE, 8));
        assertTrue(ReplWire.fromBlipError("Network", 3, "").is(ErrorDomain.NETWORK, 3));
        C4Exception blip = ReplWire.fromBlipError("BLIP", 404, "no handler for message");
        assertTrue(blip.is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR));
        assertTrue(blip.getMessage().contains("no handler"));
        assertTrue(ReplWire.fromBlipError("SQLite", 5, null).is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR));
        assertTrue(ReplWire.fromBlipError("LiteCore", 0, "").is(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR));
    }

    @Property(tries = 200)
    void httpStatusesRoundTrip(@ForAll("statuses") int status) {
        BlipError out = ReplWire.toBlipError(new C4Exception(ErrorDomain.WEBSOCKET, status, "m"));
        assertEquals("HTTP", out.domain());
        assertTrue(ReplWire.fromBlipError(out.domain(), out.code(), out.message()).is(ErrorDomain.WEBSOCKET, status));
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.integers().between(100, 999);
    }

    @Test
    void errorRepliesHaveLiteCoresStatuses() {
        assertEquals(new BlipError("BLIP", 400, "missing checkpoint ID"), ReplWire.MISSING_CHECKPOINT_ID);
        assertEquals(new BlipError("HTTP", 409, "revision ID mismatch"), ReplWire.CHECKPOINT_REV_MISMATCH);
        assertEquals(new BlipError("HTTP", 404, ""), ReplWire.NO_CHECKPOINT);
        assertEquals(new BlipError("BLIP", 404, "no handler for message"), ReplWire.NO_HANDLER);
        assertEquals(403, ReplWire.FORBIDDEN_PUSH_ENABLED.code());
        assertEquals(ErrorCodes.LiteCore.UNSUPPORTED, ReplWire.FILTER_UNSUPPORTED.code());
    }
}
