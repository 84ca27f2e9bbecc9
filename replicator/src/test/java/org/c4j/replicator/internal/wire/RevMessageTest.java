package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;

public class RevMessageTest {
    @Test
    void buildsLiteCoresPropertiesInOrder() {
        RevMessage m = RevMessage.of("doc", "2-3215", 21, true, List.of("1-951d"), true);
        assertEquals(List.of("Profile", "id", "rev", "sequence", "noconflicts", "deleted", "history"),
                List.copyOf(m.properties().keySet()));
        assertEquals(Map.of("Profile", "rev", "id", "doc", "rev", "2-3215", "sequence", "21", "noconflicts", "1",
                "deleted", "1", "history", "1-951d"), m.properties());
        Map<String, String> plain = RevMessage.of("d", "1-aa", 1, false, List.of(), false).properties();
        assertEquals(Map.of("Profile", "rev", "id", "d", "rev", "1-aa", "sequence", "1"), plain);
    }

    @Test
    void parsesDeltaSourceErrorAndHistory() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("id", "d");
        p.put("rev", "3-cc");
        p.put("sequence", "\"7:1\"");
        p.put("history", "2-bb,1-aa");
        p.put("deltaSrc", "2-bb");
        p.put("deleted", "true");
        RevMessage m = RevMessage.parse(p, true);
        assertEquals(List.of("3-cc", "2-bb", "1-aa"), m.fullHistory());
        assertEquals("2-bb", m.deltaSrc());
        assertTrue(m.deleted());
        assertFalse(m.noConflicts());
        assertEquals("\"7:1\"", m.sequence().toJson());
        assertEquals(0, m.peerError());
    }

    @Test
    void invalidRevsAreHttp400WithLiteCoresMessages() {
        assertBad(Map.of("rev", "1-aa", "sequence", "1"), "received invalid docID ''");
        assertBad(Map.of("id", "d", "rev", "xx", "sequence", "1"), "received invalid version ID");
        assertBad(Map.of("id", "d", "rev", "0-aa", "sequence", "1"), "received invalid version ID");
        assertBad(Map.of("id", "d", "rev", "1-aa"), "received 'rev' message with missing 'sequence'");
        assertNull(RevMessage.parse(Map.of("id", "d", "rev", "1-aa"), false).sequence(), "a passive puller needs none");
    }

    @Test
    void aRevWithAnErrorSkipsValidation() {
        RevMessage m = RevMessage.parse(Map.of("error", "404"), true);
        assertEquals(404, m.peerError());
        assertEquals("404", m.properties().get("error"));
    }

    private static void assertBad(Map<String, String> p, String message) {
        C4Exception e = assertThrows(C4Exception.class, () -> RevMessage.parse(p, true));
        assertTrue(e.is(ErrorDomain.WEBSOCKET, 400), e::toString);
        assertEquals(message, e.getMessage());
        assertEquals(new BlipError("HTTP", 400, message), ReplWire.toBlipError(e));
    }

    @Test
    void historySplitting() {
        assertEquals(List.of(), RevMessage.splitHistory(null));
        assertEquals(List.of(), RevMessage.splitHistory(""));
        assertEquals(List.of("2-b", "1-a"), RevMessage.splitHistory("2-b,1-a"));
    }

    @Test
    void emptyBodyIsAnEmptyObject() {
        assertEquals("{}", new String(RevMessage.EMPTY_BODY));
    }

    @Property(tries = 300)
    void propertiesRoundTrip(@ForAll("revs") RevMessage m) {
        assertEquals(m, RevMessage.parse(m.properties(), true));
    }

    @Provide
    Arbitrary<RevMessage> revs() {
        Arbitrary<String> rev = Arbitraries.integers().between(1, 5000).flatMap(g ->
                Arbitraries.strings().withChars("0123456789abcdef".toCharArray()).ofMinLength(1).ofMaxLength(20)
                        .map(h -> g + "-" + (h.length() % 2 == 0 ? h : h + "0")));
        return net.jqwik.api.Combinators.combine(
                Arbitraries.strings().withCharRange(' ', '~').withChars('é', ',').ofMinLength(1).ofMaxLength(30),
                rev, Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(true, false),
                rev.list().ofMaxSize(20), Arbitraries.of(true, false), rev.injectNull(0.7))
                .as((id, r, seq, del, hist, nc, delta) ->
                        new RevMessage(id, r, RemoteSequence.of(seq), del, inOrderBelow(r, hist), nc, delta, 0));
    }

    /** A valid received history: generations strictly decreasing, all below the revision's. */
    private static List<String> inOrderBelow(String revId, List<String> history) {
        java.util.TreeMap<Long, String> byGeneration = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        long top = Long.parseLong(revId.substring(0, revId.indexOf('-')));
        for (String h : history) {
            long g = Long.parseLong(h.substring(0, h.indexOf('-')));
            if (g < top) {
                byGeneration.putIfAbsent(g, h);
            }
        }
        return List.copyOf(byGeneration.values());
    }
}
