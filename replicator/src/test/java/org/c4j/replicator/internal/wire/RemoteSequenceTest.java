package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.Positive;
import org.junit.jupiter.api.Test;

public class RemoteSequenceTest {
    @Test
    void numbersAndOpaqueValues() {
        RemoteSequence n = RemoteSequence.fromJson("20");
        assertTrue(n.isNumeric());
        assertEquals(20, n.number());
        assertEquals("20", n.toJson());
        RemoteSequence sg = RemoteSequence.fromJson("\"12:34\"");
        assertFalse(sg.isNumeric());
        assertEquals("\"12:34\"", sg.toJson());
        assertThrows(IllegalStateException.class, sg::number);
        assertNull(RemoteSequence.fromJson(""));
        assertNull(RemoteSequence.fromJson(null));
        assertFalse(RemoteSequence.fromJson("-1").isNumeric(), "LiteCore keeps only non-negative numbers as numbers");
        assertFalse(RemoteSequence.fromJson("99999999999999999999999").isNumeric());
    }

    @Test
    void fromParsedJsonValues() {
        List<?> values = (List<?>) Json.parse("[5, \"a\\\"b\", [1,2], 1.5, -3]".getBytes(StandardCharsets.UTF_8), "t");
        assertEquals(RemoteSequence.of(5), RemoteSequence.fromValue(values.get(0)));
        assertEquals("\"a\\\"b\"", RemoteSequence.fromValue(values.get(1)).toJson());
        assertEquals("[1,2]", RemoteSequence.fromValue(values.get(2)).toJson());
        assertEquals("1.5", RemoteSequence.fromValue(values.get(3)).toJson());
        assertEquals("-3", RemoteSequence.fromValue(values.get(4)).toJson());
        assertNull(RemoteSequence.fromValue(null));
    }

    @Test
    void numbersOrderBeforeOpaqueValues() {
        assertTrue(RemoteSequence.of(1_000_000).compareTo(RemoteSequence.fromJson("\"1\"")) < 0);
        assertTrue(RemoteSequence.of(2).compareTo(RemoteSequence.of(10)) < 0);
        assertTrue(RemoteSequence.fromJson("\"b\"").compareTo(RemoteSequence.fromJson("\"a\"")) > 0);
    }

    @Property(tries = 300)
    void numericJsonRoundTrips(@ForAll @Positive long n) {
        RemoteSequence s = RemoteSequence.fromJson(Long.toString(n));
        assertEquals(RemoteSequence.of(n), s);
        assertEquals(s, RemoteSequence.fromJson(s.toJson()));
        assertEquals(s.hashCode(), RemoteSequence.of(n).hashCode());
    }

    @Property(tries = 300)
    void stringSequencesRoundTripThroughJson(@ForAll @AlphaChars @NumericChars @Chars({'"', '\\', ':', '\u00e9', '\n'}) String text) {
        RemoteSequence s = RemoteSequence.fromValue(text);
        assertEquals(text, Json.parse(s.toJson().getBytes(StandardCharsets.UTF_8), "t"));
        assertEquals(s, RemoteSequence.fromJson(s.toJson()));
    }
}
