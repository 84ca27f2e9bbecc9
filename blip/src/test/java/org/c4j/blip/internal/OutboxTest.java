package org.c4j.blip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Queue order of the outbox: round robin, urgent placement, begin order and no starvation. */
class OutboxTest {

    /** A message with a number of frames left, sent by a simulated writer loop. */
    static final class Msg implements Outbox.Entry {
        final int id;
        final boolean urgent;
        int framesLeft;
        int framesSent;

        Msg(int id, boolean urgent, int frames) {
            this.id = id;
            this.urgent = urgent;
            this.framesLeft = frames;
        }

        @Override
        public boolean urgent() {
            return urgent;
        }

        @Override
        public boolean started() {
            return framesSent > 0;
        }

        @Override
        public String toString() {
            return (urgent ? "U" : "N") + id + (started() ? "s" : "");
        }
    }

    /** Sends one frame of the head message; returns it. */
    private static Msg step(Outbox<Msg> box) {
        Msg m = box.poll();
        m.framesLeft--;
        m.framesSent++;
        if (m.framesLeft > 0) {
            box.add(m);
        }
        return m;
    }

    private static List<Integer> ids(Outbox<Msg> box) {
        return box.snapshot().stream().map(m -> m.id).toList();
    }

    @Example
    void normalMessagesRoundRobin() {
        Outbox<Msg> box = new Outbox<>();
        box.add(new Msg(1, false, 2));
        box.add(new Msg(2, false, 2));
        List<Integer> order = new ArrayList<>();
        while (!box.isEmpty()) {
            order.add(step(box).id);
        }
        assertEquals(List.of(1, 2, 1, 2), order);
    }

    @Example
    void urgentGoesAfterLastUrgentPlusOneNormal() {
        Outbox<Msg> box = new Outbox<>();
        for (Msg m : List.of(new Msg(1, false, 9), new Msg(2, false, 9), new Msg(3, true, 9), new Msg(4, false, 9),
                new Msg(5, true, 9), new Msg(6, true, 9))) {
            m.framesSent = 1; // all started: only the urgent rule applies
            box.add(m);
            // U3 with no other urgent: after the first message. U5: after U3 and one normal (2).
            // U6: after U5 and one normal (4), which is the end.
        }
        assertEquals(List.of(1, 3, 2, 5, 4, 6), ids(box));
    }

    @Example
    void urgentWithoutOtherUrgentGoesAfterTheFirstMessage() {
        Outbox<Msg> box = new Outbox<>();
        for (int i = 1; i <= 3; i++) {
            Msg m = new Msg(i, false, 9);
            m.framesSent = 1;
            box.add(m);
        }
        box.add(new Msg(4, true, 9));
        assertEquals(List.of(1, 4, 2, 3), ids(box));
    }

    @Example
    void newUrgentNeverOvertakesAnUnstartedMessage() {
        Outbox<Msg> box = new Outbox<>();
        Msg started = new Msg(1, false, 9);
        started.framesSent = 1;
        box.add(started);
        box.add(new Msg(2, false, 9));   // not started
        box.add(new Msg(3, false, 9));   // not started
        box.add(new Msg(4, true, 9));
        assertEquals(List.of(1, 2, 3, 4), ids(box));
    }

    @Provide
    Arbitrary<List<Integer>> arrivals() {
        // Per step, v encodes the urgent arrivals: v / 4 messages (0..3) of 1 + v % 4 frames each.
        return Arbitraries.integers().between(0, 15).list().ofMinSize(50).ofMaxSize(400);
    }

    /**
     * With urgent messages arriving all the time (the writer keeps up: each step sends the frames that arrived plus
     * one), every normal message keeps sending frames, within a bound proportional to the queue length, and
     * messages begin in the order they were queued.
     */
    @Property(tries = 300)
    void neverStarvesAndBeginsInOrder(@ForAll("arrivals") List<Integer> urgentPerStep,
                                      @ForAll @IntRange(min = 1, max = 50) int normalFrames,
                                      @ForAll @IntRange(min = 1, max = 5) int normals) {
        Outbox<Msg> box = new Outbox<>();
        int nextId = 0;
        List<Msg> queuedOrder = new ArrayList<>();
        List<Msg> startOrder = new ArrayList<>();
        Map<Msg, Integer> lastProgress = new HashMap<>();
        for (int i = 0; i < normals; i++) {
            Msg m = new Msg(nextId++, false, normalFrames);
            box.add(m);
            queuedOrder.add(m);
            lastProgress.put(m, 0);
        }
        int frames = 0;
        int maxQueue = box.size();
        for (int v : urgentPerStep) {
            int count = v / 4;
            int each = 1 + v % 4;
            for (int u = 0; u < count; u++) {
                Msg m = new Msg(nextId++, true, each);
                box.add(m);
                queuedOrder.add(m);
            }
            maxQueue = Math.max(maxQueue, box.size());
            for (int k = 0; k <= count * each && !box.isEmpty(); k++) {
                Msg sent = step(box);
                frames++;
                if (sent.framesSent == 1) {
                    startOrder.add(sent);
                }
                if (!sent.urgent) {
                    lastProgress.put(sent, frames);
                }
                for (Map.Entry<Msg, Integer> e : lastProgress.entrySet()) {
                    int waited = frames - e.getValue();
                    if (e.getKey().framesLeft > 0 && waited > 2 * (maxQueue + 1)) {
                        throw new AssertionError("normal " + e.getKey() + " starved for " + waited
                                + " frames (longest queue " + maxQueue + "): " + box.snapshot());
                    }
                }
            }
        }
        while (!box.isEmpty()) {
            Msg sent = step(box);
            if (sent.framesSent == 1) {
                startOrder.add(sent);
            }
        }
        assertEquals(queuedOrder, startOrder, "messages begin in queue order");
    }
}
