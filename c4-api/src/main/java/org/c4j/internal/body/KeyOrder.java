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
    private static final int IN_ORDER = 0;
    private static final int OUT_OF_ORDER = 1;
    private static final int TABLE = 2;
    /** Array lengths kept between documents; a document that grew one beyond this has them all made anew. */
    private static final int RETAIN = 4096;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    // The state is packed into few arrays, as each one a document touches costs a cache miss when the save path
    // between two parses has evicted it.

    /** Per open object, innermost last: its first entry's index, where its first entry starts, mode, its object
     * number in the table, how many out-of-order objects were noted before it opened. */
    private static final int OBJ = 5;
    private int[] objs = new int[OBJ * 16];
    private int open;

    /** Per entry of the open objects, in stored order (an object's are contiguous, its children's above them):
     * where the entry starts (its key's header), where its key's bytes start, their length. */
    private static final int ENT = 3;
    private int[] entries = new int[ENT * 64];
    /** Per entry: the key's first 8 bytes as an unsigned big-endian long. */
    private long[] prefix = new long[64];
    private int top;

    /** Per closed out-of-order object, in the order they closed: where its first entry starts, its end, where
     * its entries' ranges are in {@link #ranges}, how many, and how many out-of-order objects are inside it. */
    private static final int NOTE = 5;
    private int[] noted = new int[NOTE * 8];
    private int outOfOrder;
    /** The noted objects' entries' raw byte ranges (start, end pairs), each object's in sorted key order. */
    private int[] ranges = new int[64];
    private int rangesTop;

    private final DuplicateKeys table = new DuplicateKeys();
    private int tableObjects;
    private int[] merge = new int[0];
    // segments() working state: a stack of objects' out-of-order children, and the output.
    private int[] kids = new int[8];
    private int kidsTop;
    private int[] segs = new int[32];
    private int segsTop;
    private boolean oversized;

    void reset() {
        if (tableObjects > 0) {
            table.reset();
            tableObjects = 0;
        }
        if (oversized) {
            objs = new int[OBJ * 16];
            entries = new int[ENT * 64];
            prefix = new long[64];
            noted = new int[NOTE * 8];
            ranges = new int[64];
            merge = new int[0];
            kids = new int[8];
            segs = new int[32];
            oversized = false;
        }
        open = 0;
        top = 0;
        outOfOrder = 0;
        rangesTop = 0;
    }

    /** An object opens; its first entry will start at {@code firstEntry}. */
    void open(int firstEntry) {
        int o = OBJ * open;
        if (o == objs.length) {
            objs = grow(objs, o + OBJ);
        }
        objs[o] = top;
        objs[o + 1] = firstEntry;
        objs[o + 2] = IN_ORDER;
        objs[o + 4] = outOfOrder;
        open++;
    }

    /**
     * The innermost object's next entry starts at {@code start}; its key is {@code buf[key, key+len)}. Returns false
     * if the object already has this name.
     */
    boolean key(byte[] buf, int start, int key, int len) {
        int o = OBJ * (open - 1);
        int b = objs[o];
        long p = prefixOf(buf, key, len);
        int mode = objs[o + 2];
        if (mode == IN_ORDER && top > b) {
            int c = compare(buf, top - 1, p, key, len);
            if (c == 0) {
                return false;
            }
            if (c > 0) {
                objs[o + 2] = mode = OUT_OF_ORDER;
            }
        }
        if (mode == OUT_OF_ORDER && !isNew(buf, o, b, p, key, len)) {
            return false;
        }
        if (mode == TABLE && !table.add(objs[o + 3], buf, key, len)) {
            return false;
        }
        if (top == prefix.length) {
            entries = grow(entries, ENT * (top + 1));
            prefix = Arrays.copyOf(prefix, entries.length / ENT);
        }
        int e = ENT * top;
        entries[e] = start;
        entries[e + 1] = key;
        entries[e + 2] = len;
        prefix[top++] = p;
        return true;
    }

    /** Whether the key is new in out-of-order object {@code o}: by comparison, or in the table once it is large. */
    private boolean isNew(byte[] buf, int o, int b, long p, int key, int len) {
        if (top - b < SMALL_MAX) {
            for (int e = b; e < top; e++) {
                if (prefix[e] == p && entries[ENT * e + 2] == len && (len <= 8
                        || Arrays.equals(buf, entries[ENT * e + 1], entries[ENT * e + 1] + len, buf, key, key + len))) {
                    return false;
                }
            }
            return true;
        }
        objs[o + 2] = TABLE;
        int object = objs[o + 3] = tableObjects++;
        for (int e = b; e < top; e++) {
            table.add(object, buf, entries[ENT * e + 1], entries[ENT * e + 2]);
        }
        return table.add(object, buf, key, len);
    }

    /** The innermost object closes; its last entry ends at {@code end}. */
    void close(byte[] buf, int end) {
        int o = OBJ * --open;
        int b = objs[o];
        if (objs[o + 2] != IN_ORDER) {
            note(buf, o, b, top - b, end);
        }
        top = b;
    }

    /** Notes a closed out-of-order object: the byte range of each entry, in sorted order. */
    private void note(byte[] buf, int o, int b, int n, int end) {
        if (rangesTop + 2 * n > ranges.length) {
            ranges = grow(ranges, rangesTop + 2 * n);
        }
        int r = rangesTop;
        for (int i = 0; i < n; i++) {
            ranges[r + i] = b + i;
        }
        sort(buf, r, r + n);
        int last = b + n - 1;
        for (int i = n - 1; i >= 0; i--) { // entry indices to ranges, in place from the back
            int e = ranges[r + i];
            ranges[r + 2 * i] = entries[ENT * e];
            ranges[r + 2 * i + 1] = e < last ? entries[ENT * (e + 1)] : end;
        }
        int m = NOTE * outOfOrder;
        if (m == noted.length) {
            noted = grow(noted, m + NOTE);
        }
        noted[m] = objs[o + 1];
        noted[m + 1] = end;
        noted[m + 2] = r;
        noted[m + 3] = n;
        noted[m + 4] = outOfOrder - objs[o + 4];
        outOfOrder++;
        rangesTop = r + 2 * n;
    }

    /** Sorts the entry indices in {@code ranges[from, to)} by key: insertion sort when short, else merge sort. */
    private void sort(byte[] buf, int from, int to) {
        int[] a = ranges;
        if (to - from <= SMALL_MAX) {
            for (int i = from + 1; i < to; i++) {
                int e = a[i];
                long p = prefix[e];
                int k = entries[ENT * e + 1];
                int len = entries[ENT * e + 2];
                int j = i - 1;
                while (j >= from && compare(buf, a[j], p, k, len) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = e;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(buf, from, mid);
        sort(buf, mid, to);
        if (merge.length < to) {
            merge = grow(merge, to);
        }
        System.arraycopy(a, from, merge, from, to - from);
        int i = from;
        int j = mid;
        for (int d = from; d < to; d++) {
            int y = j < to ? merge[j] : -1;
            if (y < 0 || i < mid
                    && compare(buf, merge[i], prefix[y], entries[ENT * y + 1], entries[ENT * y + 2]) <= 0) {
                a[d] = merge[i++];
            } else {
                a[d] = merge[j++];
            }
        }
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
            append(w, p, noted[NOTE * c]);
            emitObject(w, c);
            p = noted[NOTE * c + 1];
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
        for (int c = last; c >= lowest; c -= noted[NOTE * c + 4] + 1) {
            n++;
        }
        if (kidsTop + n > kids.length) {
            kids = grow(kids, kidsTop + n);
        }
        int at = kidsTop + n;
        for (int c = last; c >= lowest; c -= noted[NOTE * c + 4] + 1) {
            kids[--at] = c;
        }
        kidsTop += n;
        return kidsTop;
    }

    /** Appends the entries of out-of-order object {@code m} in sorted order, each in its own canonical form. */
    private void emitObject(MsgpackWriter w, int m) {
        int r = noted[NOTE * m + 2];
        int rEnd = r + 2 * noted[NOTE * m + 3];
        int descendants = noted[NOTE * m + 4];
        if (descendants == 0) {
            for (; r < rEnd; r += 2) {
                append(w, ranges[r], ranges[r + 1]);
            }
            return;
        }
        int from = kidsTop;
        int to = children(m - 1, m - descendants);
        for (; r < rEnd; r += 2) {
            int s = ranges[r];
            int e = ranges[r + 1];
            int lo = from;
            int hi = to;
            while (lo < hi) { // the first child after s
                int mid = (lo + hi) >>> 1;
                if (noted[NOTE * kids[mid]] <= s) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int p = s;
            for (int i = lo; i < to && noted[NOTE * kids[i]] <= e; i++) {
                int c = kids[i];
                append(w, p, noted[NOTE * c]);
                emitObject(w, c);
                p = noted[NOTE * c + 1];
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
            segs = grow(segs, segsTop + 2);
        }
        segs[segsTop++] = from;
        segs[segsTop++] = len;
    }

    /** A copy of {@code a} at least {@code min} long (doubling); notes when arrays outgrow what is kept. */
    private int[] grow(int[] a, int min) {
        int[] b = Arrays.copyOf(a, Math.max(min, 2 * a.length));
        oversized |= b.length > RETAIN;
        return b;
    }

    /** Compares entry {@code e}'s key with the key {@code buf[key, key+len)} whose prefix is {@code p}. */
    private int compare(byte[] buf, int e, long p, int key, int len) {
        int c = Long.compareUnsigned(prefix[e], p);
        if (c != 0) {
            return c;
        }
        int k = entries[ENT * e + 1];
        return Arrays.compareUnsigned(buf, k, k + entries[ENT * e + 2], buf, key, key + len);
    }

    /** The key's first 8 bytes, big-endian, zero-padded: unsigned order of prefixes is the keys' order, or a tie. */
    private static long prefixOf(byte[] buf, int off, int len) {
        if (off + 8 <= buf.length) {
            long p = (long) BIG_ENDIAN_LONG.get(buf, off);
            return len >= 8 ? p : len == 0 ? 0 : p & (-1L << (8 * (8 - len)));
        }
        long p = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            p = p << 8 | (buf[off + i] & 0xff);
        }
        return n == 0 ? 0 : p << (8 * (8 - n));
    }
}
