package org.c4j.replicator.internal.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

public class SequenceSetTest {
    @Test
    void mergesAndSplitsRanges() {
        SequenceSet s = new SequenceSet();
        s.add(0, 3);
        s.add(5);
        s.add(4);
        assertEquals("[0-2, 4-5]", s.toString());
        s.add(3);
        assertEquals("[0-5]", s.toString());
        s.remove(2);
        assertEquals("[0-1, 3-5]", s.toString());
        assertEquals(2, s.firstRangeEnd());
        assertTrue(s.contains(3));
        assertFalse(s.contains(2));
        assertEquals(2, s.rangeCount());
        SequenceSet other = s.copy();
        other.add(9);
        assertFalse(s.equals(other));
    }

    /** A command: add (op 0), remove (op 1) or add range (op 2). */
    record Op(int op, long a, long len) {
    }

    @Property(tries = 300)
    void behavesLikeASetOfLongs(@ForAll("ops") List<Op> ops) {
        SequenceSet s = new SequenceSet();
        TreeSet<Long> model = new TreeSet<>();
        for (Op o : ops) {
            switch (o.op()) {
                case 0 -> {
                    s.add(o.a());
                    model.add(o.a());
                }
                case 1 -> {
                    s.remove(o.a());
                    model.remove(o.a());
                }
                default -> {
                    s.add(o.a(), o.a() + o.len());
                    for (long i = o.a(); i < o.a() + o.len(); i++) {
                        model.add(i);
                    }
                }
            }
        }
        long prevEnd = -2;
        long count = 0;
        for (long[] r : s.ranges()) {
            assertTrue(r[0] > prevEnd, "ranges are disjoint and not adjacent");
            prevEnd = r[1];
            count += r[1] - r[0];
        }
        assertEquals(model.size(), count);
        for (long i = 0; i < 70; i++) {
            assertEquals(model.contains(i), s.contains(i), "seq " + i);
        }
        assertEquals(s, s.copy());
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.longs().between(0, 60),
                Arbitraries.longs().between(0, 8)).as(Op::new).list().ofMaxSize(40);
    }
}
