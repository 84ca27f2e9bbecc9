package org.c4j.replicator.internal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.junit.jupiter.api.Test;

public class CheckpointTrackerTest {
    private final AtomicInteger changes = new AtomicInteger();
    private final CheckpointTracker t = new CheckpointTracker(changes::incrementAndGet);

    @Test
    void localStopsBelowTheLowestPendingSequence() {
        t.reset(10, null);
        t.pushPending(11);
        t.pushPending(12);
        t.pushPending(15);
        assertEquals(10, t.localCheckpoint());
        t.pushCompleted(12);
        assertEquals(10, t.localCheckpoint(), "11 is still pending");
        t.pushCompleted(11);
        assertEquals(14, t.localCheckpoint(), "15 is pending, 13 and 14 were never reported");
        t.pushCompleted(15);
        assertEquals(15, t.localCheckpoint());
        assertEquals(0, t.pushPendingCount());
    }

    @Test
    void skippedSequencesCompleteWithoutBeingPending() {
        t.reset(0, null);
        t.pushCompleted(3);
        assertEquals(3, t.localCheckpoint());
        t.pushPending(4);
        t.pushCompleted(9);
        assertEquals(3, t.localCheckpoint());
        t.pushCompleted(4);
        assertEquals(9, t.localCheckpoint());
    }

    @Test
    void aSequenceReportedPendingBelowTheCheckpointMovesItBack() {
        t.reset(0, null);
        t.pushCompleted(8);
        t.pushPending(5);
        assertEquals(4, t.localCheckpoint());
    }

    @Test
    void remoteIsTheSequenceBeforeTheEarliestPendingInArrivalOrder() {
        RemoteSequence a = RemoteSequence.of(5);
        RemoteSequence b = RemoteSequence.fromJson("\"x:7\"");
        RemoteSequence c = RemoteSequence.of(3); // servers may send sequences in any order
        t.reset(0, RemoteSequence.of(1));
        t.pullPending(a);
        t.pullPending(b);
        t.pullPending(c);
        assertEquals(RemoteSequence.of(1), t.remoteCheckpoint());
        t.pullCompleted(b);
        assertEquals(RemoteSequence.of(1), t.remoteCheckpoint());
        t.pullCompleted(a);
        assertEquals(b, t.remoteCheckpoint(), "c (after b) is still pending");
        t.pullCompleted(c);
        assertEquals(c, t.remoteCheckpoint());
    }

    @Test
    void remoteStartsNullAndCompletionOfUnknownSequencesIsIgnored() {
        t.reset(0, null);
        assertNull(t.remoteCheckpoint());
        t.pullCompleted(RemoteSequence.of(4));
        assertNull(t.remoteCheckpoint());
        assertEquals(0, changes.get());
    }

    @Test
    void changeCallbackFiresOnlyWhenAValueMoves() {
        t.reset(0, null);
        t.pushPending(1);
        assertEquals(0, changes.get());
        t.pushCompleted(1);
        assertEquals(1, changes.get());
        t.pullPending(RemoteSequence.of(1));
        assertEquals(1, changes.get());
        t.pullCompleted(RemoteSequence.of(1));
        assertEquals(2, changes.get());
    }

    /**
     * Any order of completions: the local checkpoint never reaches a sequence that isn't completed, and equals the
     * highest sequence once all are complete. Same for the remote side in arrival order.
     */
    @Property(tries = 300)
    void anyCompletionOrderIsSafeAndComplete(@ForAll @IntRange(min = 1, max = 60) int count,
                                             @ForAll long seed) {
        Random rnd = new Random(seed);
        CheckpointTracker tracker = new CheckpointTracker(() -> { });
        tracker.reset(0, null);
        List<Long> seqs = new ArrayList<>();
        long s = 0;
        for (int i = 0; i < count; i++) {
            s += 1 + rnd.nextInt(3); // gaps: sequences the feed skipped
            seqs.add(s);
        }
        List<Long> order = new ArrayList<>(seqs);
        Collections.shuffle(order, rnd);
        Set<Long> done = new HashSet<>();
        int pendingReported = 0;
        for (Long seq : order) {
            // the pusher reports pending sequences in feed order, ahead of completing them
            while (pendingReported < seqs.size() && seqs.get(pendingReported) <= seq) {
                tracker.pushPending(seqs.get(pendingReported++));
                tracker.pullPending(RemoteSequence.of(seqs.get(pendingReported - 1)));
            }
            tracker.pushCompleted(seq);
            tracker.pullCompleted(RemoteSequence.of(seq));
            done.add(seq);
            long cp = tracker.localCheckpoint();
            for (Long x : seqs) {
                if (x <= cp) {
                    assertTrue(done.contains(x), "checkpoint " + cp + " passes uncompleted " + x);
                }
            }
            RemoteSequence rcp = (RemoteSequence) tracker.remoteCheckpoint();
            if (rcp != null) {
                for (Long x : seqs) {
                    if (x <= rcp.number()) {
                        assertTrue(done.contains(x), "remote checkpoint " + rcp + " passes uncompleted " + x);
                    }
                }
            }
        }
        assertEquals(s, tracker.localCheckpoint());
        assertEquals(RemoteSequence.of(s), tracker.remoteCheckpoint());
    }
}
