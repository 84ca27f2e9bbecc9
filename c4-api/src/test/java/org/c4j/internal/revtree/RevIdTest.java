package org.c4j.internal.revtree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.junit.jupiter.api.Test;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RevIdTest {

    @Test
    void parsesAndFormats() {
        RevId id = RevId.parse("12-0a1b2c");
        assertEquals(12, id.generation());
        assertEquals("12-0a1b2c", id.toString());
        assertEquals(id, RevId.of(12, new byte[] {0x0a, 0x1b, 0x2c}));
        assertEquals("12-0a1b2c", RevId.of(12, new byte[] {0x0a, 0x1b, 0x2c}).toString());
    }

    @Test
    void rejectsMalformed() {
        for (String bad : new String[] {"", "-", "1-", "-ab", "0-ab", "01-ab", "1-abc", "1-AB", "1-zz", "x-ab", "1ab",
                "4294967296-ab", "1--ab", "1-" + "ab".repeat(42), " 1-ab"}) {
            assertNull(RevId.tryParse(bad), bad);
            C4Exception e = assertThrows(C4Exception.class, () -> RevId.parse(bad), bad);
            assertEquals(ErrorCodes.LiteCore.BAD_REVISION_ID, e.code());
        }
        assertEquals(4294967295L, RevId.parse("4294967295-ab").generation());
        RevId.parse("1-" + "ab".repeat(41)); // 1 + 41 bytes = LiteCore's 42-byte limit
    }

    @Test
    void ordersByGenerationThenDigest() {
        assertTrue(RevId.parse("2-aa").compareTo(RevId.parse("10-00")) < 0);
        assertTrue(RevId.parse("3-ab").compareTo(RevId.parse("3-ac")) < 0);
        assertTrue(RevId.parse("3-ab").compareTo(RevId.parse("3-ab00")) < 0);
        assertTrue(RevId.parse("3-ff").compareTo(RevId.parse("3-0000")) > 0);
    }

    @Test
    void generatesFromParentDeletionAndBody() throws Exception {
        byte[] body = {(byte) 0x81, (byte) 0xa1, 'a', 1}; // {"a":1}
        RevId first = RevId.generate(null, false, body, 0, body.length);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(new byte[] {0});
        sha1.update(new byte[] {0});
        sha1.update(body);
        assertEquals(RevId.of(1, sha1.digest()), first);

        byte[] framed = {9, (byte) 0x80, 9}; // {} between two unrelated bytes
        RevId second = RevId.generate(first, true, framed, 1, 1);
        sha1.update((byte) first.toString().length());
        sha1.update(first.toString().getBytes(StandardCharsets.US_ASCII));
        sha1.update((byte) 1);
        sha1.update((byte) 0x80);
        assertEquals(RevId.of(2, sha1.digest()), second);
        assertEquals(second, RevId.generate(first, true, new byte[] {(byte) 0x80}, 0, 1));
        assertNotEquals(second, RevId.generate(first, false, framed, 1, 1));
        assertNotEquals(second, RevId.generate(second, true, framed, 1, 1));
    }

    @Test
    void generationOverflowIsRejected() {
        RevId last = RevId.of(RevId.MAX_GENERATION, new byte[] {1});
        C4Exception e = assertThrows(C4Exception.class, () -> RevId.generate(last, false, new byte[] {(byte) 0x80}, 0, 1));
        assertEquals(ErrorCodes.LiteCore.BAD_REVISION_ID, e.code());
        assertEquals(RevId.generate(null, false, new byte[] {(byte) 0x80}, 0, 1),
                RevId.generate(null, false, new byte[] {(byte) 0x80}, 0, 1), "no digest state left behind");
    }

    @Test
    void binaryFormIsVarintPlusDigest() {
        RevId id = RevId.parse("300-beef");
        byte[] bin = id.toBinary();
        assertEquals(4, bin.length);
        assertEquals((byte) 0xac, bin[0]);
        assertEquals(0x02, bin[1]);
        assertEquals(id, RevId.fromBinary(bin, 0, bin.length));
        C4Exception e = assertThrows(C4Exception.class, () -> RevId.fromBinary(new byte[] {5}, 0, 1));
        assertEquals(ErrorCodes.LiteCore.CORRUPT_REVISION_DATA, e.code());
    }

    @Property(tries = 500)
    void formatParseAndBinaryRoundTrip(@ForAll("revIds") RevId id) {
        RevId parsed = RevId.parse(id.toString());
        assertEquals(id, parsed);
        assertEquals(id.toString(), parsed.toString());
        byte[] bin = id.toBinary();
        assertEquals(id, RevId.fromBinary(bin, 0, bin.length));
    }

    @Property(tries = 500)
    void orderMatchesGenerationThenHexString(@ForAll("revIds") RevId a, @ForAll("revIds") RevId b) {
        String ha = a.toString().substring(a.toString().indexOf('-') + 1);
        String hb = b.toString().substring(b.toString().indexOf('-') + 1);
        int expected = a.generation() != b.generation() ? Long.compare(a.generation(), b.generation()) : ha.compareTo(hb);
        assertEquals(Integer.signum(expected), Integer.signum(a.compareTo(b)));
        assertEquals(a.compareTo(b) == 0, a.equals(b));
    }

    @Provide
    Arbitrary<RevId> revIds() {
        return Combinators.combine(
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 5)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, RevId.MAX_GENERATION))),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(37))
                .as(RevId::of);
    }
}
