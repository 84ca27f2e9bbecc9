package org.c4j.replicator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

public class RevHistoryTest {
    private static final Random RANDOM = new Random(1);

    /** revisions gen..1, newest first: "5-05", "4-04", ... */
    private static List<String> chain(int gen) {
        List<String> l = new ArrayList<>();
        for (int g = gen; g >= 1; g--) {
            l.add(g + "-" + String.format("%02x", g & 0xFF));
        }
        return l;
    }

    @Test
    void stopsAtTheKnownAncestor() {
        assertEquals(List.of("5-05", "4-04", "3-03"), RevHistory.build(chain(5), 20, Set.of("3-03"), RANDOM));
        assertEquals(List.of("4-04", "3-03"), RevHistory.ancestorsOnly(
                RevHistory.build(chain(5), 20, Set.of("3-03"), RANDOM)));
    }

    @Test
    void maxHistoryCountsTheRevisionItself() {
        assertEquals(List.of("5-05", "4-04"), RevHistory.build(chain(5), 2, Set.of(), RANDOM));
        assertEquals(chain(5), RevHistory.build(chain(5), 0, Set.of(), RANDOM), "0 = unlimited");
    }

    @Test
    void theKnownAncestorIsAlwaysSentEvenPastMaxHistory() {
        assertEquals(List.of("5-05", "4-04", "1-01"), RevHistory.build(chain(5), 3, Set.of("1-01"), RANDOM));
    }

    @Test
    void unknownAncestorsMeanFullDepth() {
        assertEquals(chain(3), RevHistory.build(chain(3), 20, Set.of("9-99"), RANDOM));
    }

    @Test
    void gapsAreFilledWithFadedRevIds() {
        List<String> h = RevHistory.build(List.of("5-05", "2-02"), 20, Set.of(), RANDOM);
        assertEquals(4, h.size());
        assertEquals("5-05", h.get(0));
        assertTrue(h.get(1).matches("4-faded000[0-9a-f]{16}"), h::toString);
        assertTrue(h.get(2).matches("3-faded000[0-9a-f]{16}"), h::toString);
        assertEquals("2-02", h.get(3));
    }

    @Property(tries = 300)
    void boundedAndEndsAtTheKnownAncestor(@ForAll @IntRange(min = 1, max = 60) int gen,
                                         @ForAll @IntRange(min = 2, max = 25) int max,
                                         @ForAll @IntRange(min = 0, max = 60) int known) {
        List<String> lineage = chain(gen);
        Set<String> knownSet = known >= 1 && known <= gen ? Set.of(lineage.get(gen - known)) : Set.of();
        List<String> h = RevHistory.build(lineage, max, knownSet, RANDOM);
        assertTrue(h.size() <= max, h::toString);
        assertEquals(lineage.get(0), h.get(0));
        if (!knownSet.isEmpty()) {
            assertEquals(knownSet.iterator().next(), h.get(h.size() - 1));
        } else {
            assertEquals(lineage.subList(0, Math.min(gen, max)), h);
        }
    }
}
