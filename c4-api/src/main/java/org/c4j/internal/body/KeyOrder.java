package org.c4j.internal.body;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Follows the property names of every JSON object while {@link Utf8JsonParser} writes them, for two purposes:
 * refusing a name repeated in the same object, and giving the revision digest the body's canonical form
 * ({@link CanonicalMsgpack}: every map's keys sorted by UTF-8 bytes) without re-reading the body. The stored body
 * keeps the keys as written; what this class yields ({@link #segments}) is the list of stored byte ranges that,
 * concatenated, are the canonical form — the stored bytes themselves (an empty list) when every object's keys
 * were already in order.
 *
 * <p>How: an object whose names arrive in increasing order needs nothing but a comparison with the previous name
 * (an equal one is a duplicate; no earlier one can be). Once a name arrives out of order, each later name is
 * compared with the object's earlier ones by their 8-byte prefixes (bytes only on a tie), up to
 * {@link #SMALL_MAX} entries; a larger object switches to the {@link DuplicateKeys} hash table, so a hostile object
 * of many names costs O(n log n), never O(n²). An out-of-order object is sorted once, when it closes, and its
 * entries' byte ranges noted in sorted order; the parser's positions are those of the writer's output before
 * header compaction and are translated by {@link MsgpackWriter#compactedPosition} at the end.
 *
 * <p>Names are compared as their UTF-8 bytes in the output being written (so {@code "a"} and {@code "\u0061"}
 * are the same name), referred to by position, not copied; the buffer is passed to each call, as a growing writer
 * replaces it. Not thread-safe; owned by one parser and {@link #reset() reset} for each document.
 */
final class KeyOrder {
    /** The canonical form is the stored bytes as they are. */
    static final int[] AS_STORED = new int[0];

    /** Out-of-order objects up to this many entries are checked for duplicates by comparing with every name. */
    private static final int SMALL_MAX = 32;
    /** Per open object: its names arrived in order so far / not, checked by comparison / checked in the table. */
    private static final byte IN_ORDER = 0;
    private static final byte OUT_OF_ORDER = 1;
    private static final byte TABLE = 2;
    /** Array sizes kept between documents; a document that grew them beyond this drops them. */
    private static final int RETAIN = 4096;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final DuplicateKeys table = new DuplicateKeys();

    // Open objects, innermost last: first entry's index, position of the first entry, mode, table object number,
    // out-of-order objects noted before it opened.
    private int[] base = new int[16];
    private int[] notedBefore = new int[16];
    private int[] first = new int[16];
    private byte[] mode = new byte[16];
    private int[] tableObject = new int[16];
    private int open;
    private int tableObjects;

    // The entries of the open objects in stored order (an object's are contiguous, its children's above them):
    // where the entry starts (its key's header), where its key's bytes start, their length, and the key's first
    // 8 bytes as an unsigned big-endian long.
    private int[] entryStart = new int[64];
    private int[] keyStart = new int[64];
    private int[] keyLength = new int[64];
    private long[] prefix = new long[64];
    private int top;

    // Closed out-of-order objects: position of the first entry, end, and their entries' ranges in sorted order
    // (start, end pairs in ranges[rangeBase, rangeBase + 2 * count)).
    private int[] outFirst = new int[8];
    private int[] outEnd = new int[8];
    private int[] outRangeBase = new int[8];
    private int[] outCount = new int[8];
    private int[] outDescendants = new int[8];
    private int outOfOrder;
    private int[] ranges = new int[64];
    private int rangesTop;
    // Sorting scratch: entry indices, and a merge buffer.
    private int[] order = new int[64];
    private int[] merge = new int[64];

    // segments() working state: a stack of objects' out-of-order children, and the output.
    private int[] kids = new int[8];
    private int kidsTop;
    private int[] segs = new int[32];
    private int segsTop;

    void reset() {
        table.reset();
        if (entryStart.length > RETAIN || ranges.length > RETAIN || outFirst.length > RETAIN || order.length > RETAIN) {
            entryStart = new int[64];
            keyStart = new int[64];
            keyLength = new int[64];
            prefix = new long[64];
            outFirst = new int[8];
            outEnd = new int[8];
            outRangeBase = new int[8];
            outCount = new int[8];
            ranges = new int[64];
            order = new int[64];
            merge = new int[64];
            kids = new int[8];
            outDescendants = new int[8];
            segs = new int[32];
        }
        open = 0;
        top = 0;
        tableObjects = 0;
        outOfOrder = 0;
        rangesTop = 0;
    }

    /** An object opens; its first entry will start at {@code firstEntry}. */
    void open(int firstEntry) {
        if (open == base.length) {
            base = Arrays.copyOf(base, open * 2);
            first = Arrays.copyOf(first, open * 2);
            mode = Arrays.copyOf(mode, open * 2);
            tableObject = Arrays.copyOf(tableObject, open * 2);
            notedBefore = Arrays.copyOf(notedBefore, open * 2);
        }
        base[open] = top;
        notedBefore[open] = outOfOrder;
        first[open] = firstEntry;
        mode[open] = IN_ORDER;
        open++;
    }

    /**
     * The innermost object's next entry starts at {@code start}; its key is {@code buf[key, key+len)}. Returns false
     * if the object already has this name.
     */
    boolean key(byte[] buf, int start, int key, int len) {
        int o = open - 1;
        int b = base[o];
        long p = prefixOf(buf, key, len);
        switch (mode[o]) {
            case IN_ORDER: {
                int c = top == b ? -1 : compare(buf, top - 1, p, key, len);
                if (c == 0) {
                    return false;
                }
                if (c > 0) {
                    mode[o] = OUT_OF_ORDER;
                    if (!checkOutOfOrder(buf, o, b, p, key, len)) {
                        return false;
                    }
                }
                break;
            }
            case OUT_OF_ORDER:
                if (!checkOutOfOrder(buf, o, b, p, key, len)) {
                    return false;
                }
                break;
            default:
                if (!table.add(tableObject[o], buf, key, len)) {
                    return false;
                }
        }
        push(start, key, len, p);
        return true;
    }

    /** Whether the key is new in out-of-order object {@code o}: by comparison, or in the table once it is large. */
    private boolean checkOutOfOrder(byte[] buf, int o, int b, long p, int key, int len) {
        if (top - b >= SMALL_MAX) {
            mode[o] = TABLE;
            tableObject[o] = tableObjects++;
            for (int e = b; e < top; e++) {
                table.add(tableObject[o], buf, keyStart[e], keyLength[e]);
            }
            return table.add(tableObject[o], buf, key, len);
        }
        for (int e = b; e < top; e++) {
            if (prefix[e] == p && keyLength[e] == len
                    && (len <= 8 || Arrays.equals(buf, keyStart[e], keyStart[e] + len, buf, key, key + len))) {
                return false;
            }
        }
        return true;
    }

    /** The innermost object closes; its last entry ends at {@code end}. */
    void close(byte[] buf, int end) {
        int o = --open;
        int b = base[o];
        if (mode[o] != IN_ORDER) {
            noteOutOfOrder(buf, o, b, top - b, end);
        }
        top = b;
    }

    /**
     * The canonical form as byte ranges of the finished body ({@code off, len} pairs), or {@link #AS_STORED}.
     * Call once, after {@code w.finish()}; {@code rawEnd} is the writer's size before compaction.
     */
    int[] segments(MsgpackWriter w, int rawEnd) {
        if (outOfOrder == 0) {
            return AS_STORED;
        }
        segsTop = 0;
        kidsTop = 0;
        int p = 0;
        int from = kidsTop;
        int to = children(outOfOrder - 1, 0);
        for (int i = from; i < to; i++) {
            int c = kids[i];
            append(w, p, outFirst[c]);
            emitObject(w, c);
            p = outEnd[c];
        }
        append(w, p, rawEnd);
        return Arrays.copyOf(segs, segsTop);
    }

    /**
     * Pushes onto {@link #kids}, in position order, the out-of-order objects among those noted at indices
     * {@code [lowest, last]} that are not inside another of them (objects are noted as they close: an object's
     * out-of-order descendants come right before it). Returns the new top.
     */
    private int children(int last, int lowest) {
        int n = 0;
        for (int c = last; c >= lowest; c -= outDescendants[c] + 1) {
            n++;
        }
        if (kidsTop + n > kids.length) {
            kids = Arrays.copyOf(kids, Math.max(kidsTop + n, 2 * kids.length));
        }
        int at = kidsTop + n;
        for (int c = last; c >= lowest; c -= outDescendants[c] + 1) {
            kids[--at] = c;
        }
        kidsTop += n;
        return kidsTop;
    }

    /** Appends the entries of out-of-order object {@code m} in sorted order, each in its own canonical form. */
    private void emitObject(MsgpackWriter w, int m) {
        int r = outRangeBase[m];
        int rEnd = r + 2 * outCount[m];
        if (outDescendants[m] == 0) {
            for (; r < rEnd; r += 2) {
                append(w, ranges[r], ranges[r + 1]);
            }
            return;
        }
        int from = kidsTop;
        int to = children(m - 1, m - outDescendants[m]);
        for (; r < rEnd; r += 2) {
            int s = ranges[r];
            int e = ranges[r + 1];
            int lo = from;
            int hi = to;
            while (lo < hi) { // the first child after s
                int mid = (lo + hi) >>> 1;
                if (outFirst[kids[mid]] <= s) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int p = s;
            for (int i = lo; i < to && outFirst[kids[i]] <= e; i++) {
                int c = kids[i];
                append(w, p, outFirst[c]);
                emitObject(w, c);
                p = outEnd[c];
            }
            append(w, p, e);
        }
        kidsTop = from;
    }

    private void append(MsgpackWriter w, int rawFrom, int rawTo) {
        int from = w.compactedPosition(rawFrom);
        int len = w.compactedPosition(rawTo) - from;
        if (len <= 0) {
            return;
        }
        if (segsTop > 0 && segs[segsTop - 2] + segs[segsTop - 1] == from) {
            segs[segsTop - 1] += len;
            return;
        }
        if (segsTop + 2 > segs.length) {
            segs = Arrays.copyOf(segs, segs.length * 2);
        }
        segs[segsTop++] = from;
        segs[segsTop++] = len;
    }

    /** Notes a closed out-of-order object: the byte range of each entry, in sorted order. */
    private void noteOutOfOrder(byte[] buf, int o, int b, int n, int end) {
        if (order.length < n) {
            order = new int[Math.max(n, 2 * order.length)];
            merge = new int[order.length];
        }
        for (int i = 0; i < n; i++) {
            order[i] = b + i;
        }
        sort(buf, 0, n);
        if (outOfOrder == outFirst.length) {
            int size = outOfOrder * 2;
            outFirst = Arrays.copyOf(outFirst, size);
            outEnd = Arrays.copyOf(outEnd, size);
            outRangeBase = Arrays.copyOf(outRangeBase, size);
            outCount = Arrays.copyOf(outCount, size);
            outDescendants = Arrays.copyOf(outDescendants, size);
        }
        if (rangesTop + 2 * n > ranges.length) {
            ranges = Arrays.copyOf(ranges, Math.max(rangesTop + 2 * n, 2 * ranges.length));
        }
        outFirst[outOfOrder] = first[o];
        outEnd[outOfOrder] = end;
        outRangeBase[outOfOrder] = rangesTop;
        outCount[outOfOrder] = n;
        outDescendants[outOfOrder] = outOfOrder - notedBefore[o];
        outOfOrder++;
        int last = b + n - 1;
        for (int i = 0; i < n; i++) {
            int e = order[i];
            ranges[rangesTop++] = entryStart[e];
            ranges[rangesTop++] = e < last ? entryStart[e + 1] : end;
        }
    }

    /** Sorts {@code order[from, to)} (entry indices) by key: insertion sort when short, else merge sort. */
    private void sort(byte[] buf, int from, int to) {
        if (to - from <= SMALL_MAX) {
            for (int i = from + 1; i < to; i++) {
                int e = order[i];
                long p = prefix[e];
                int k = keyStart[e];
                int len = keyLength[e];
                int j = i - 1;
                while (j >= from && compare(buf, order[j], p, k, len) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = e;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(buf, from, mid);
        sort(buf, mid, to);
        System.arraycopy(order, from, merge, from, to - from);
        int i = from;
        int j = mid;
        for (int d = from; d < to; d++) {
            if (j >= to || i < mid && compare(buf, merge[i], prefix[merge[j]], keyStart[merge[j]], keyLength[merge[j]]) <= 0) {
                order[d] = merge[i++];
            } else {
                order[d] = merge[j++];
            }
        }
    }

    /** Appends an entry to the entry stack. */
    private void push(int start, int key, int len, long p) {
        if (top == prefix.length) {
            int size = top * 2;
            entryStart = Arrays.copyOf(entryStart, size);
            keyStart = Arrays.copyOf(keyStart, size);
            keyLength = Arrays.copyOf(keyLength, size);
            prefix = Arrays.copyOf(prefix, size);
        }
        entryStart[top] = start;
        keyStart[top] = key;
        keyLength[top] = len;
        prefix[top] = p;
        top++;
    }

    /** Compares entry {@code e}'s key with the key {@code buf[key, key+len)} whose prefix is {@code p}. */
    private int compare(byte[] buf, int e, long p, int key, int len) {
        int c = Long.compareUnsigned(prefix[e], p);
        if (c != 0) {
            return c;
        }
        int k = keyStart[e];
        return Arrays.compareUnsigned(buf, k, k + keyLength[e], buf, key, key + len);
    }

    /** The key's first 8 bytes, big-endian, zero-padded: unsigned order of prefixes is the keys' order, or a tie. */
    private static long prefixOf(byte[] buf, int off, int len) {
        if (len >= 8) {
            return (long) BIG_ENDIAN_LONG.get(buf, off);
        }
        long p = 0;
        for (int i = 0; i < len; i++) {
            p = p << 8 | (buf[off + i] & 0xff);
        }
        return len == 0 ? 0 : p << (8 * (8 - len));
    }
}
