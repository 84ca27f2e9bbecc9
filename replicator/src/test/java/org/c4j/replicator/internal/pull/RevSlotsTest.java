package org.c4j.replicator.internal.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.wire.RevMessage;
import org.junit.jupiter.api.Test;

/**
 * {@link RevSlots}: change lists wait while too many requested revisions haven't started; a revision inside its
 * transaction frees its active slot (so waiting ones start during the commit) but stays unfinished until it ends;
 * every count returns to zero once everything started has ended.
 */
class RevSlotsTest {
    private static IncomingRev rev(int i) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("Profile", "rev");
        p.put("id", "doc" + i);
        p.put("rev", "1-aa");
        return new IncomingRev(new PullerInserterTest.FakeRequest(p, "{}".getBytes(StandardCharsets.UTF_8)), RevMessage.parse(p, false),
                null);
    }

    @Test
    void changeListsWaitWhileTooManyRequestedRevisionsHaveNotStarted() {
        RevSlots slots = new RevSlots();
        slots.requested(ReplTuning.MAX_REVS_BEING_REQUESTED);
        assertTrue(slots.mayAnswerChangeList());
        slots.requested(1);
        assertFalse(slots.mayAnswerChangeList());
        slots.received();
        assertTrue(slots.mayAnswerChangeList());
    }

    @Test
    void anInsertedRevisionFreesItsActiveSlotButStaysUnfinishedUntilItEnds() {
        RevSlots slots = new RevSlots();
        List<IncomingRev> revs = new ArrayList<>();
        while (slots.mayStart()) {
            IncomingRev r = rev(revs.size());
            slots.started();
            revs.add(r);
        }
        assertEquals(ReplTuning.MAX_ACTIVE_INCOMING_REVS, revs.size());
        slots.inserted(revs.get(0));
        slots.inserted(revs.get(0)); // counted once
        assertTrue(slots.mayStart(), "room while the first one's transaction commits");
        assertEquals(ReplTuning.MAX_ACTIVE_INCOMING_REVS - 1, slots.activeCount());
        assertEquals(ReplTuning.MAX_ACTIVE_INCOMING_REVS, slots.unfinishedCount());
        slots.ended(revs.get(0));
        slots.ended(revs.get(1)); // never inserted (refused, failed): frees both
        assertEquals(ReplTuning.MAX_ACTIVE_INCOMING_REVS - 2, slots.activeCount());
        assertEquals(ReplTuning.MAX_ACTIVE_INCOMING_REVS - 2, slots.unfinishedCount());
    }

    @Test
    void unfinishedRevisionsBoundStartsEvenWhenNoneIsActive() {
        RevSlots slots = new RevSlots();
        int started = 0;
        while (slots.mayStart()) {
            slots.started();
            slots.inserted(rev(started++)); // every one waits for its commit
        }
        assertEquals(ReplTuning.MAX_INCOMING_REVS, started);
        assertEquals(0, slots.activeCount());
        assertTrue(slots.busy());
    }

    /** Steps: 0 request one, 1 start (if allowed; after receiving), 2 insert a started one, 3 end one, 4 re-request one. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(0, 4).list().ofMaxSize(400);
    }

    @Property(tries = 300)
    void countsStayWithinTheirBoundsAndReturnToZero(@ForAll("steps") List<Integer> steps) {
        RevSlots slots = new RevSlots();
        List<IncomingRev> preparing = new ArrayList<>();
        List<IncomingRev> inserted = new ArrayList<>();
        int n = 0;
        for (int step : steps) {
            switch (step) {
                case 0 -> slots.requested(1);
                case 1 -> {
                    if (slots.mayStart()) {
                        slots.received();
                        slots.started();
                        preparing.add(rev(n++));
                    }
                }
                case 2 -> {
                    if (!preparing.isEmpty()) {
                        IncomingRev r = preparing.remove(0);
                        slots.inserted(r);
                        inserted.add(r);
                    }
                }
                case 3 -> {
                    List<IncomingRev> from = inserted.isEmpty() ? preparing : inserted;
                    if (!from.isEmpty()) {
                        slots.ended(from.remove(0));
                    }
                }
                default -> {
                    if (!preparing.isEmpty()) {
                        preparing.remove(0);
                        slots.reRequested();
                    }
                }
            }
            assertEquals(preparing.size(), slots.activeCount());
            assertEquals(preparing.size() + inserted.size(), slots.unfinishedCount());
            assertTrue(slots.activeCount() <= ReplTuning.MAX_ACTIVE_INCOMING_REVS);
            assertTrue(slots.unfinishedCount() <= ReplTuning.MAX_INCOMING_REVS);
            assertTrue(slots.requestedCount() >= 0);
        }
        while (!inserted.isEmpty()) {
            slots.ended(inserted.remove(0));
        }
        while (!preparing.isEmpty()) {
            slots.ended(preparing.remove(0));
        }
        while (slots.requestedCount() > 0) {
            slots.received();
        }
        assertEquals(0, slots.activeCount());
        assertEquals(0, slots.unfinishedCount());
        assertFalse(slots.busy());
    }
}
