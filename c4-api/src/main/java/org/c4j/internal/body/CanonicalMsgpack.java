package org.c4j.internal.body;

import java.util.Arrays;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;

/**
 * Re-encodes a stored MessagePack body in its canonical form, the bytes a revision ID digests: the keys of every
 * map sorted by their UTF-8 bytes (equal keys keep their order), every header and integer in its smallest form,
 * every float as a float64, number-text ext values with a 1/2/4-byte length ({@code c7}/{@code c8}/{@code c9}).
 * Two bodies holding the same JSON value (key order aside) have the same canonical form, whichever encoder made
 * them; the stored form is already canonical whenever its keys are sorted. Bodies JSON can't hold (non-string
 * keys, unknown ext types, NaN/infinite floats, trailing bytes) are rejected as the JSON conversion rejects them.
 *
 * <p>One reusable instance per thread ({@link #forThisThread()}); not thread-safe. The output buffer
 * ({@link #buffer()}) belongs to this instance and is overwritten by the next {@link #encode(byte[])}.
 */
public final class CanonicalMsgpack {
    private static final ThreadLocal<CanonicalMsgpack> PER_THREAD = ThreadLocal.withInitial(CanonicalMsgpack::new);
    /** Maps up to this size are sorted in place by insertion sort; larger ones by a stable TimSort. */
    private static final int INSERTION_SORT_MAX = 32;
    /** Ints per entry on the entry stack: key offset (input), key length, output start, output end. */
    private static final int ENTRY = 4;
    /** Entries the entry stack keeps between bodies. */
    private static final int ENTRIES_RETAIN = 1024;
    /** Initial output size: a typical document fits without growing. */
    private static final int INITIAL_SIZE = 4096;

    private byte[] out = new byte[INITIAL_SIZE];
    private int pos;
    /** A stack of the entries of the maps being written, {@link #ENTRY} ints each. */
    private int[] entries = new int[ENTRY * 64];
    /** Per entry: the key's first 8 bytes as an unsigned big-endian long, for fast comparison. */
    private long[] prefixes = new long[64];
    private int top;
    /** Scratch for rearranging a map's output. */
    private byte[] tmp = new byte[INITIAL_SIZE];
    private byte[] in;

    private CanonicalMsgpack() {
    }

    public static CanonicalMsgpack forThisThread() {
        return PER_THREAD.get();
    }

    /** Encodes {@code msgpack}'s canonical form into {@link #buffer()}; returns its length. */
    public int encode(byte[] msgpack) {
        if (out.length > Tuning.BODY_SCRATCH_RETAIN_BYTES) {
            out = new byte[INITIAL_SIZE];
        }
        if (prefixes.length > ENTRIES_RETAIN) {
            entries = new int[ENTRY * 64];
            prefixes = new long[64];
        }
        if (tmp.length > Tuning.BODY_SCRATCH_RETAIN_BYTES) {
            tmp = new byte[INITIAL_SIZE];
        }
        in = msgpack;
        pos = 0;
        top = 0;
        try {
            MsgpackReader r = new MsgpackReader(msgpack);
            value(r);
            if (r.hasMore()) {
                throw Errors.corrupt("trailing bytes after body");
            }
        } finally {
            in = null;
        }
        return pos;
    }

    /** The last output; valid up to the length {@link #encode(byte[])} returned. */
    public byte[] buffer() {
        return out;
    }

    private void value(MsgpackReader r) {
        switch (r.peek()) {
            case NIL:
                r.readNil();
                ensure(1);
                out[pos++] = (byte) 0xc0;
                break;
            case BOOLEAN:
                ensure(1);
                out[pos++] = (byte) (r.readBoolean() ? 0xc3 : 0xc2);
                break;
            case INTEGER: {
                long v = r.readLong();
                ensure(9);
                if (r.lastWasUnsigned64()) {
                    out[pos++] = (byte) 0xcf;
                    pos = MsgpackWriter.putLong(out, pos, v);
                } else {
                    pos = MsgpackWriter.putInteger(out, pos, v);
                }
                break;
            }
            case FLOAT: {
                double d = r.readDouble();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw Errors.invalidData("JSON can't represent " + d);
                }
                ensure(9);
                out[pos++] = (byte) 0xcb;
                pos = MsgpackWriter.putLong(out, pos, Double.doubleToRawLongBits(d));
                break;
            }
            case STRING:
                r.readStringSlice();
                string(r.sliceOffset(), r.sliceLength());
                break;
            case BINARY: {
                int len = r.readBinarySlice();
                ensure(5 + len);
                pos = MsgpackWriter.putBinaryHeader(out, pos, len);
                copy(r.sliceOffset(), len);
                break;
            }
            case EXT: {
                int len = r.readExtSlice();
                if (r.extType() != MsgpackWriter.EXT_NUMBER_TEXT || len == 0) {
                    throw Errors.corrupt("unknown ext type " + r.extType() + " in body");
                }
                ensure(6 + len);
                pos = MsgpackWriter.putExtHeader(out, pos, r.extType(), len);
                copy(r.sliceOffset(), len);
                break;
            }
            case ARRAY: {
                int n = r.readArrayHeader();
                ensure(5);
                pos = MsgpackWriter.putContainerHeader(out, pos, n, false);
                for (int i = 0; i < n; i++) {
                    value(r);
                }
                break;
            }
            case MAP:
                map(r);
                break;
            default:
                throw new AssertionError();
        }
    }

    /**
     * Writes the entries in stored order, noting where each landed; if the keys were out of order, sorts the
     * entries and rearranges their output segments (one copy of the map's bytes, no second walk).
     */
    private void map(MsgpackReader r) {
        int n = r.readMapHeader();
        ensure(5);
        pos = MsgpackWriter.putContainerHeader(out, pos, n, true);
        int base = top;
        ensureEntries(base + n);
        top = base + n;
        boolean sorted = true;
        for (int k = base; k < base + n; k++) {
            if (r.peek() != MsgpackReader.Kind.STRING) {
                throw Errors.corrupt("non-string key in body");
            }
            int keyLen = r.readStringSlice();
            int keyOff = r.sliceOffset();
            int start = pos;
            string(keyOff, keyLen);
            value(r);
            entries[ENTRY * k] = keyOff;
            entries[ENTRY * k + 1] = keyLen;
            entries[ENTRY * k + 2] = start;
            entries[ENTRY * k + 3] = pos;
            prefixes[k] = prefix(keyOff, keyLen);
            if (sorted && k > base && compareKeys(k - 1, k) > 0) {
                sorted = false;
            }
        }
        if (!sorted) {
            sortEntries(base, n);
            rearrange(base, n);
        }
        top = base;
    }

    /** The key's first 8 bytes, big-endian, zero-padded: unsigned order of prefixes is the keys' order, or a tie. */
    private long prefix(int off, int len) {
        long p = 0;
        int n = Math.min(len, 8);
        for (int i = 0; i < n; i++) {
            p = p << 8 | (in[off + i] & 0xff);
        }
        return p << (8 * (8 - n));
    }

    private int compareKeys(int a, int b) {
        return compareKey(a, prefixes[b], entries[ENTRY * b], entries[ENTRY * b + 1]);
    }

    /** Compares entry {@code a}'s key with the key at {@code in[off, off+len)} whose prefix is given. */
    private int compareKey(int a, long prefix, int off, int len) {
        int c = Long.compareUnsigned(prefixes[a], prefix);
        if (c != 0) {
            return c;
        }
        int ao = entries[ENTRY * a];
        return Arrays.compareUnsigned(in, ao, ao + entries[ENTRY * a + 1], in, off, off + len);
    }

    /** Stable sort of the n entries starting at entry {@code base}. */
    private void sortEntries(int base, int n) {
        if (n <= INSERTION_SORT_MAX) {
            for (int i = base + 1; i < base + n; i++) {
                if (compareKeys(i - 1, i) <= 0) {
                    continue;
                }
                int keyOff = entries[ENTRY * i];
                int keyLen = entries[ENTRY * i + 1];
                int outStart = entries[ENTRY * i + 2];
                int outEnd = entries[ENTRY * i + 3];
                long prefix = prefixes[i];
                int j = i - 1;
                while (j >= base && compareKey(j, prefix, keyOff, keyLen) > 0) {
                    System.arraycopy(entries, ENTRY * j, entries, ENTRY * (j + 1), ENTRY);
                    prefixes[j + 1] = prefixes[j];
                    j--;
                }
                entries[ENTRY * (j + 1)] = keyOff;
                entries[ENTRY * (j + 1) + 1] = keyLen;
                entries[ENTRY * (j + 1) + 2] = outStart;
                entries[ENTRY * (j + 1) + 3] = outEnd;
                prefixes[j + 1] = prefix;
            }
            return;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = base + i;
        }
        Arrays.sort(order, this::compareKeys); // TimSort: stable
        int[] sortedEntries = new int[ENTRY * n];
        long[] sortedPrefixes = new long[n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(entries, ENTRY * order[i], sortedEntries, ENTRY * i, ENTRY);
            sortedPrefixes[i] = prefixes[order[i]];
        }
        System.arraycopy(sortedEntries, 0, entries, ENTRY * base, ENTRY * n);
        System.arraycopy(sortedPrefixes, 0, prefixes, base, n);
    }

    /** Moves the entries' output segments (key + value) into their sorted order. */
    private void rearrange(int base, int n) {
        int from = Integer.MAX_VALUE;
        for (int k = base; k < base + n; k++) {
            from = Math.min(from, entries[ENTRY * k + 2]);
        }
        int len = pos - from;
        if (tmp.length < len) {
            tmp = new byte[Math.max(len, 2 * tmp.length)];
        }
        System.arraycopy(out, from, tmp, 0, len);
        int dst = from;
        for (int k = base; k < base + n; k++) {
            int segStart = entries[ENTRY * k + 2];
            int segLen = entries[ENTRY * k + 3] - segStart;
            System.arraycopy(tmp, segStart - from, out, dst, segLen);
            dst += segLen;
        }
    }

    private void ensureEntries(int count) {
        if (prefixes.length < count) {
            int size = Math.max(prefixes.length * 2, count);
            prefixes = Arrays.copyOf(prefixes, size);
            entries = Arrays.copyOf(entries, ENTRY * size);
        }
    }

    private void string(int off, int len) {
        ensure(5 + len);
        pos = MsgpackWriter.putStringHeader(out, pos, len);
        copy(off, len);
    }

    private void copy(int off, int len) {
        System.arraycopy(in, off, out, pos, len);
        pos += len;
    }

    private void ensure(int n) {
        if (pos + n > out.length) {
            out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(2L * out.length, (long) pos + n)));
        }
    }
}
