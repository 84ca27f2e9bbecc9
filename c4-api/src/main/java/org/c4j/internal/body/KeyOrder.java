package org.c4j.internal.body;

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
 * (an equal one is a duplicate; no earlier one can be). Once a name arrives out of order, the object's entries
 * are kept sorted by binary insertion (which also finds a duplicate), up to {@link #SMALL_MAX} entries; a larger
 * object switches to the {@link DuplicateKeys} hash table and is sorted once when it closes, so a hostile object
 * of many names costs O(n log n), never O(n²). When an out-of-order object closes, its entries' byte ranges are
 * noted in sorted order; the parser's positions are those of the writer's output before header compaction and
 * are translated by {@link MsgpackWriter#compactedPosition} at the end.
 *
 * <p>Names are compared as their UTF-8 bytes in the output being written (so {@code "a"} and {@code "\u0061"}
 * are the same name), referred to by position, not copied; the buffer is passed to each call, as a growing writer
 * replaces it. Not thread-safe; owned by one parser and {@link #reset() reset} for each document.
 */
final class KeyOrder {
    /** The canonical form is the stored bytes as they are. */
    static final int[] AS_STORED = new int[0];

    /** Out-of-order objects up to this many entries are kept sorted by binary insertion. */
    private static final int SMALL_MAX = 32;
    /** Per open object: its names arrived in order so far / it is kept sorted / it uses the hash table. */
    private static final byte IN_ORDER = 0;
    private static final byte SORTED = 1;
    private static final byte TABLE = 2;
    /** Array sizes kept between documents; a document that grew them beyond this drops them. */
    private static final int RETAIN = 4096;

    private final DuplicateKeys table = new DuplicateKeys();

    // Open objects, innermost last: first entry's index, position of the first entry, mode, table object number.
    private int[] base = new int[16];
    private int[] first = new int[16];
    private byte[] mode = new byte[16];
    private int[] tableObject = new int[16];
    private int open;
    private int tableObjects;

    // The entries of the open objects (an object's are contiguous, its children's above them): where the entry
    // starts (its key's header), where its key's bytes start, their length, its place in stored order, and the
    // key's first 8 bytes as an unsigned big-endian long.
    private int[] entryStart = new int[64];
    private int[] keyStart = new int[64];
    private int[] keyLength = new int[64];
    private int[] ordinal = new int[64];
    private long[] prefix = new long[64];
    private int top;

    // Closed out-of-order objects: position of the first entry, end, and their entries' ranges in sorted order
    // (start, end pairs in ranges[rangeBase, rangeBase + 2 * count)).
    private int[] outFirst = new int[8];
    private int[] outEnd = new int[8];
    private int[] outRangeBase = new int[8];
    private int[] outCount = new int[8];
    private int outOfOrder;
    private int[] ranges = new int[64];
    private int rangesTop;
    private int[] scratch = new int[64];

    // segments() working state: out-of-order objects by first position, and the output.
    private long[] byPosition = new long[8];
    private int[] segs = new int[32];
    private int segsTop;

    void reset() {
        table.reset();
        if (entryStart.length > RETAIN || ranges.length > RETAIN || outFirst.length > RETAIN || base.length > RETAIN) {
            base = new int[16];
            first = new int[16];
            mode = new byte[16];
            tableObject = new int[16];
            entryStart = new int[64];
            keyStart = new int[64];
            keyLength = new int[64];
            ordinal = new int[64];
            prefix = new long[64];
            outFirst = new int[8];
            outEnd = new int[8];
            outRangeBase = new int[8];
            outCount = new int[8];
            ranges = new int[64];
            scratch = new int[64];
            byPosition = new long[8];
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
        }
        base[open] = top;
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
        int n = top - b;
        long p = prefixOf(buf, key, len);
        int at = top;
        if (mode[o] == IN_ORDER) {
            int c = n == 0 ? -1 : compare(buf, top - 1, p, key, len);
            if (c == 0) {
                return false;
            }
            if (c > 0) {
                mode[o] = SORTED;
            }
        }
        if (mode[o] == SORTED) {
            if (n >= SMALL_MAX) {
                toTable(buf, o, b);
            } else {
                int lo = b;
                int hi = top;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    int c = compare(buf, mid, p, key, len);
                    if (c == 0) {
                        return false;
                    }
                    if (c < 0) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                at = lo;
            }
        }
        if (mode[o] == TABLE && !table.add(tableObject[o], buf, key, len)) {
            return false;
        }
        push(at, start, key, len, n, p);
        return true;
    }

    /** The innermost object closes; its last entry ends at {@code end}. */
    void close(byte[] buf, int end) {
        int o = --open;
        int b = base[o];
        int n = top - b;
        if (mode[o] != IN_ORDER) {
            if (mode[o] == TABLE) {
                sortEntries(buf, b, n);
            }
            noteOutOfOrder(o, b, n, end);
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
        if (byPosition.length < outOfOrder) {
            byPosition = new long[outOfOrder];
        }
        for (int i = 0; i < outOfOrder; i++) {
            byPosition[i] = (long) outFirst[i] << 32 | i;
        }
        Arrays.sort(byPosition, 0, outOfOrder);
        segsTop = 0;
        emit(w, 0, rawEnd);
        return Arrays.copyOf(segs, segsTop);
    }

    /**
     * Appends the canonical form of the raw range {@code [a, b)} (the whole body, or one entry of an object),
     * reordering the out-of-order objects in it: those whose first entry lies in {@code (a, b]}, outermost first.
     */
    private void emit(MsgpackWriter w, int a, int b) {
        int p = a;
        for (int i = firstAfter(a); i < outOfOrder && (int) (byPosition[i] >>> 32) <= b; i = firstAfter(p)) {
            int m = (int) byPosition[i];
            append(w, p, outFirst[m]);
            for (int r = outRangeBase[m], e = r + 2 * outCount[m]; r < e; r += 2) {
                emit(w, ranges[r], ranges[r + 1]);
            }
            p = outEnd[m];
        }
        append(w, p, b);
    }

    /** The index in {@link #byPosition} of the first out-of-order object whose first entry is after {@code pos}. */
    private int firstAfter(int pos) {
        int lo = 0;
        int hi = outOfOrder;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if ((int) (byPosition[mid] >>> 32) <= pos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
    private void noteOutOfOrder(int o, int b, int n, int end) {
        if (scratch.length < n) {
            scratch = new int[Math.max(n, 2 * scratch.length)];
        }
        for (int e = b; e < b + n; e++) {
            scratch[ordinal[e]] = entryStart[e];
        }
        if (outOfOrder == outFirst.length) {
            int size = outOfOrder * 2;
            outFirst = Arrays.copyOf(outFirst, size);
            outEnd = Arrays.copyOf(outEnd, size);
            outRangeBase = Arrays.copyOf(outRangeBase, size);
            outCount = Arrays.copyOf(outCount, size);
        }
        if (rangesTop + 2 * n > ranges.length) {
            ranges = Arrays.copyOf(ranges, Math.max(rangesTop + 2 * n, 2 * ranges.length));
        }
        outFirst[outOfOrder] = first[o];
        outEnd[outOfOrder] = end;
        outRangeBase[outOfOrder] = rangesTop;
        outCount[outOfOrder] = n;
        outOfOrder++;
        for (int e = b; e < b + n; e++) {
            int next = ordinal[e] + 1;
            ranges[rangesTop++] = entryStart[e];
            ranges[rangesTop++] = next < n ? scratch[next] : end;
        }
    }

    /** A large out-of-order object: its names so far go into the hash table, later ones are checked there. */
    private void toTable(byte[] buf, int o, int b) {
        mode[o] = TABLE;
        tableObject[o] = tableObjects++;
        for (int e = b; e < top; e++) {
            table.add(tableObject[o], buf, keyStart[e], keyLength[e]);
        }
    }

    /** Inserts an entry at index {@code at} of the entry stack, moving those above it up. */
    private void push(int at, int start, int key, int len, int ord, long p) {
        if (top == prefix.length) {
            int size = top * 2;
            entryStart = Arrays.copyOf(entryStart, size);
            keyStart = Arrays.copyOf(keyStart, size);
            keyLength = Arrays.copyOf(keyLength, size);
            ordinal = Arrays.copyOf(ordinal, size);
            prefix = Arrays.copyOf(prefix, size);
        }
        if (at < top) {
            int count = top - at;
            System.arraycopy(entryStart, at, entryStart, at + 1, count);
            System.arraycopy(keyStart, at, keyStart, at + 1, count);
            System.arraycopy(keyLength, at, keyLength, at + 1, count);
            System.arraycopy(ordinal, at, ordinal, at + 1, count);
            System.arraycopy(prefix, at, prefix, at + 1, count);
        }
        entryStart[at] = start;
        keyStart[at] = key;
        keyLength[at] = len;
        ordinal[at] = ord;
        prefix[at] = p;
        top++;
    }

    /** Sorts the {@code n} entries from index {@code b} by key (a large object, once; TimSort, O(n log n)). */
    private void sortEntries(byte[] buf, int b, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = b + i;
        }
        Arrays.sort(order, (x, y) -> compare(buf, x, prefix[y], keyStart[y], keyLength[y]));
        int[][] cols = {entryStart, keyStart, keyLength, ordinal};
        for (int[] col : cols) {
            int[] sorted = new int[n];
            for (int i = 0; i < n; i++) {
                sorted[i] = col[order[i]];
            }
            System.arraycopy(sorted, 0, col, b, n);
        }
        long[] sortedPrefix = new long[n];
        for (int i = 0; i < n; i++) {
            sortedPrefix[i] = prefix[order[i]];
        }
        System.arraycopy(sortedPrefix, 0, prefix, b, n);
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
        long p = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            p = p << 8 | (buf[off + i] & 0xff);
        }
        return n == 0 ? 0 : p << (8 * (8 - n));
    }
}
