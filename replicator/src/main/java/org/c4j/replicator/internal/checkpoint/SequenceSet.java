package org.c4j.replicator.internal.checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of non-negative local sequences stored as disjoint, non-adjacent ranges, like LiteCore's
 * {@code SequenceSet}: the push checkpoint is the set of completed sequences, usually one range from 0 plus a few
 * islands completed out of order.
 *
 * <p>Mutable and not thread-safe: owned by one checkpointer; {@link #copy()} for a snapshot.
 */
public final class SequenceSet {
    /** start -> end (exclusive). */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    public SequenceSet copy() {
        SequenceSet c = new SequenceSet();
        c.ranges.putAll(ranges);
        return c;
    }

    public void add(long seq) {
        add(seq, seq + 1);
    }

    /** Adds {@code [first, end)}; merges with overlapping and adjacent ranges. */
    public void add(long first, long end) {
        if (first < 0 || end < first) {
            throw new IllegalArgumentException("bad range [" + first + ", " + end + ")");
        }
        if (first == end) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(first);
        if (before != null && before.getValue() >= first) {
            first = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next = ranges.ceilingEntry(first);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
            next = ranges.ceilingEntry(first);
        }
        ranges.put(first, end);
    }

    public void remove(long seq) {
        Map.Entry<Long, Long> r = ranges.floorEntry(seq);
        if (r == null || r.getValue() <= seq) {
            return;
        }
        ranges.remove(r.getKey());
        if (r.getKey() < seq) {
            ranges.put(r.getKey(), seq);
        }
        if (seq + 1 < r.getValue()) {
            ranges.put(seq + 1, r.getValue());
        }
    }

    public boolean contains(long seq) {
        Map.Entry<Long, Long> r = ranges.floorEntry(seq);
        return r != null && r.getValue() > seq;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public int rangeCount() {
        return ranges.size();
    }

    /** The ranges in order, each {@code {start, endExclusive}}. */
    public List<long[]> ranges() {
        List<long[]> out = new ArrayList<>(ranges.size());
        ranges.forEach((s, e) -> out.add(new long[] {s, e}));
        return out;
    }

    /** End (exclusive) of the first range; 0 if empty. */
    public long firstRangeEnd() {
        return ranges.isEmpty() ? 0 : ranges.firstEntry().getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceSet s && ranges.equals(s.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    /** Like LiteCore's: {@code [0-5, 9, 12-19]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        ranges.forEach((s, e) -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(s);
            if (e != s + 1) {
                b.append('-').append(e - 1);
            }
        });
        return b.append(']').toString();
    }
}
