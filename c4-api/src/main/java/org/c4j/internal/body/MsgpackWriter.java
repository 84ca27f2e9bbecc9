package org.c4j.internal.body;

import java.util.Arrays;

import org.c4j.internal.Errors;

/**
 * A MessagePack writer into a growable byte array whose maps and arrays need not know their size up front: each
 * container gets a 5-byte placeholder header, and {@link #finish()} emits every header in its smallest form while
 * compacting the output in one pass. This is what lets a streaming JSON parser write MessagePack directly.
 *
 * <p>Numbers that JSON cannot carry exactly in a MessagePack int or float64 are written as an ext value of type
 * {@link #EXT_NUMBER_TEXT} holding the number's JSON text in ASCII.
 *
 * <p>Not thread-safe; one encoding at a time (a writer may be {@link #reset(int) reset} and reused). The array
 * returned by {@link #finish()} belongs to the caller.
 */
public final class MsgpackWriter {
    /** MessagePack ext type of a number kept as its exact JSON text (big integers, decimals, "-0", "1e5"). */
    public static final byte EXT_NUMBER_TEXT = 1;

    private static final int PLACEHOLDER = 5;

    private byte[] buf;
    private int pos;

    // Open containers, 3 ints each (packed: each array a document touches is a cache miss when cold): index into
    // the header table, element count, 1 if it is a map.
    private int[] open = new int[3 * 16];
    private int depth;

    // Where the last string or key written starts in buf, and its length in bytes.
    private int lastStringStart;
    private int lastStringLength;

    // Every container header, in order of position, 4 ints each: position, element count, 1 if a map, and (after
    // finish()) the bytes the compaction saved in the headers before it.
    private int[] hdr = new int[4 * 16];
    private int headers;
    // After finish(): the bytes the compaction saved in all headers.
    private int savedTotal;

    public MsgpackWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /**
     * Empties this writer for a new encoding, keeping its buffers (so a per-thread writer allocates nothing but
     * {@link #finish()}'s result), except a buffer grown beyond {@code retainMax} bytes, which is dropped.
     */
    public void reset(int retainMax) {
        if (buf.length > retainMax) {
            buf = new byte[retainMax];
        }
        if (hdr.length > retainMax / 4) {
            hdr = new int[4 * 16];
        }
        pos = 0;
        depth = 0;
        headers = 0;
    }

    public int depth() {
        return depth;
    }

    /** True if the innermost open container is a map (the next item written there is a key). */
    public boolean inMap() {
        return depth > 0 && open[3 * depth - 1] != 0;
    }

    public void beginMap() {
        begin(true);
    }

    public void beginArray() {
        begin(false);
    }

    private void begin(boolean isMap) {
        countValue();
        ensure(PLACEHOLDER);
        if (4 * headers == hdr.length) {
            hdr = Arrays.copyOf(hdr, hdr.length * 2);
        }
        if (3 * depth == open.length) {
            open = Arrays.copyOf(open, open.length * 2);
        }
        hdr[4 * headers] = pos;
        hdr[4 * headers + 2] = isMap ? 1 : 0;
        open[3 * depth] = headers;
        open[3 * depth + 1] = 0;
        open[3 * depth + 2] = isMap ? 1 : 0;
        headers++;
        depth++;
        pos += PLACEHOLDER;
    }

    /** Closes the innermost map or array. */
    public void end() {
        if (depth == 0) {
            throw new IllegalStateException("no open container");
        }
        depth--;
        hdr[4 * open[3 * depth] + 1] = open[3 * depth + 1];
    }

    /** Writes a map key (counts one entry of the innermost map). */
    public void writeKey(String key) {
        if (!inMap()) {
            throw new IllegalStateException("key outside a map");
        }
        open[3 * depth - 2]++;
        writeStringBody(key);
    }

    /** Writes a map key given as chars (counts one entry of the innermost map). */
    public void writeKey(char[] chars, int off, int len) {
        if (!inMap()) {
            throw new IllegalStateException("key outside a map");
        }
        open[3 * depth - 2]++;
        writeStringBody(chars, off, len);
    }

    /** Writes a map key already encoded as UTF-8 (copied; counts one entry of the innermost map). */
    public void writeKeyUtf8(byte[] utf8, int off, int len) {
        if (!inMap()) {
            throw new IllegalStateException("key outside a map");
        }
        open[3 * depth - 2]++;
        copyString(utf8, off, len);
    }

    /** Keys of a map don't count as elements; values in arrays do. */
    private void countValue() {
        if (depth > 0 && open[3 * depth - 1] == 0) {
            open[3 * depth - 2]++;
        }
    }

    public void writeNil() {
        countValue();
        ensure(1);
        buf[pos++] = (byte) 0xc0;
    }

    public void writeBoolean(boolean b) {
        countValue();
        ensure(1);
        buf[pos++] = (byte) (b ? 0xc3 : 0xc2);
    }

    public void writeLong(long v) {
        countValue();
        ensure(9);
        pos = putInteger(buf, pos, v);
    }

    public void writeDouble(double d) {
        countValue();
        ensure(9);
        buf[pos++] = (byte) 0xcb;
        pos = putLong(buf, pos, Double.doubleToRawLongBits(d));
    }

    /** Writes a number as its exact JSON text, given as ASCII bytes. */
    public void writeNumberText(byte[] ascii, int off, int len) {
        countValue();
        writeExtHeader(EXT_NUMBER_TEXT, len);
        System.arraycopy(ascii, off, buf, pos, len);
        pos += len;
    }

    /** Writes a number as its exact JSON text (ASCII). */
    public void writeNumberText(String text) {
        countValue();
        int len = text.length();
        writeExtHeader(EXT_NUMBER_TEXT, len);
        for (int i = 0; i < len; i++) {
            buf[pos++] = (byte) text.charAt(i);
        }
    }

    private void writeExtHeader(byte type, int len) {
        ensure(6 + len);
        pos = putExtHeader(buf, pos, type, len);
    }

    public void writeString(String s) {
        countValue();
        writeStringBody(s);
    }

    public void writeString(char[] chars, int off, int len) {
        countValue();
        writeStringBody(chars, off, len);
    }

    /** Writes a string already encoded as UTF-8 (copied). */
    public void writeStringUtf8(byte[] utf8, int off, int len) {
        countValue();
        copyString(utf8, off, len);
    }

    private void copyString(byte[] utf8, int off, int len) {
        ensure(5 + len);
        pos = putStringHeader(buf, pos, len);
        System.arraycopy(utf8, off, buf, pos, len);
        lastStringStart = pos;
        lastStringLength = len;
        pos += len;
    }

    /** The buffer being written (valid until the next write; a growing writer replaces it). */
    byte[] buffer() {
        return buf;
    }

    /** Where the UTF-8 bytes of the last string or key written start in {@link #buffer()}. */
    int lastStringStart() {
        return lastStringStart;
    }

    /** The length in bytes of the last string or key written. */
    int lastStringLength() {
        return lastStringLength;
    }

    /** True if the last string or key written is exactly the ASCII text {@code s}. */
    boolean lastStringIs(String s) {
        int n = s.length();
        if (lastStringLength != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (buf[lastStringStart + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    public void writeBinary(byte[] data) {
        countValue();
        int len = data.length;
        ensure(5 + len);
        pos = putBinaryHeader(buf, pos, len);
        System.arraycopy(data, 0, buf, pos, len);
        pos += len;
    }

    private void writeStringBody(String s) {
        int header = reserveString(s.length());
        int start = pos + header;
        finishString(header, start, Utf8.encode(s, buf, start) - start);
    }

    private void writeStringBody(char[] chars, int off, int len) {
        int header = reserveString(len);
        int start = pos + header;
        finishString(header, start, Utf8.encode(chars, off, len, buf, start) - start);
    }

    /**
     * Makes room for a string of {@code chars} UTF-16 chars encoded in one pass: its UTF-8 goes right after the
     * largest header its length could need. Returns that header's size.
     */
    private int reserveString(int chars) {
        long maxBytes = (long) Utf8.MAX_BYTES_PER_CHAR * chars;
        if (maxBytes > Integer.MAX_VALUE - 32) {
            throw Errors.invalid("encoded body too large");
        }
        int header = strHeaderSize((int) maxBytes);
        ensure(header + (int) maxBytes);
        return header;
    }

    /** Writes the header of the {@code len} UTF-8 bytes at {@code start}, moving them back if it is shorter. */
    private void finishString(int reservedHeader, int start, int len) {
        int header = strHeaderSize(len);
        if (header != reservedHeader) {
            System.arraycopy(buf, start, buf, pos + header, len);
        }
        lastStringStart = pos + header;
        lastStringLength = len;
        pos = putStringHeader(buf, pos, len) + len;
    }

    private static int strHeaderSize(int len) {
        return len < 32 ? 1 : len < 256 ? 2 : len < 65536 ? 3 : 5;
    }

    /** Returns the encoded bytes with every container header in its smallest form. */
    public byte[] finish() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed container");
        }
        int saved = 0;
        for (int h = 0; h < headers; h++) {
            hdr[4 * h + 3] = saved;
            saved += PLACEHOLDER - headerSize(hdr[4 * h + 1]);
        }
        savedTotal = saved;
        byte[] out = new byte[pos - saved];
        int src = 0;
        int dst = 0;
        for (int h = 0; h < headers; h++) {
            int hp = hdr[4 * h];
            int run = hp - src;
            System.arraycopy(buf, src, out, dst, run);
            dst += run;
            dst = putContainerHeader(out, dst, hdr[4 * h + 1], hdr[4 * h + 2] != 0);
            src = hp + PLACEHOLDER;
        }
        System.arraycopy(buf, src, out, dst, pos - src);
        return out;
    }

    /**
     * Where the byte written at raw position {@code raw} (a {@link #rawSize()} taken while writing, not inside a
     * container header) is in {@link #finish()}'s result. Valid after {@code finish()}, until the next reset.
     */
    public int compactedPosition(int raw) {
        int lo = 0;
        if (headers <= 8) {
            while (lo < headers && hdr[4 * lo] < raw) {
                lo++;
            }
        } else {
            int hi = headers;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (hdr[4 * mid] < raw) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
        }
        return raw - (lo < headers ? hdr[4 * lo + 3] : savedTotal);
    }

    /** Bytes written so far (before header compaction): an upper bound of the final size. */
    public int rawSize() {
        return pos;
    }

    private static int headerSize(int count) {
        return count < 16 ? 1 : count < 65536 ? 3 : 5;
    }

    /** Writes a map or array header for {@code count} elements in its smallest form; returns the new position. */
    static int putContainerHeader(byte[] out, int at, int count, boolean isMap) {
        if (count < 16) {
            out[at++] = (byte) ((isMap ? 0x80 : 0x90) | count);
        } else if (count < 65536) {
            out[at++] = (byte) (isMap ? 0xde : 0xdc);
            at = putShort(out, at, count);
        } else {
            out[at++] = (byte) (isMap ? 0xdf : 0xdd);
            at = putInt(out, at, count);
        }
        return at;
    }

    /** Writes an integer in its smallest MessagePack form (at most 9 bytes); returns the new position. */
    static int putInteger(byte[] out, int at, long v) {
        if (v >= 0) {
            if (v < 128) {
                out[at++] = (byte) v;
            } else if (v < 256) {
                out[at++] = (byte) 0xcc;
                out[at++] = (byte) v;
            } else if (v < 65536) {
                out[at++] = (byte) 0xcd;
                at = putShort(out, at, (int) v);
            } else if (v < 4294967296L) {
                out[at++] = (byte) 0xce;
                at = putInt(out, at, (int) v);
            } else {
                out[at++] = (byte) 0xcf;
                at = putLong(out, at, v);
            }
        } else if (v >= -32) {
            out[at++] = (byte) v;
        } else if (v >= Byte.MIN_VALUE) {
            out[at++] = (byte) 0xd0;
            out[at++] = (byte) v;
        } else if (v >= Short.MIN_VALUE) {
            out[at++] = (byte) 0xd1;
            at = putShort(out, at, (int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out[at++] = (byte) 0xd2;
            at = putInt(out, at, (int) v);
        } else {
            out[at++] = (byte) 0xd3;
            at = putLong(out, at, v);
        }
        return at;
    }

    /** Writes a string header (at most 5 bytes); returns the new position. */
    static int putStringHeader(byte[] out, int at, int len) {
        if (len < 32) {
            out[at++] = (byte) (0xa0 | len);
        } else if (len < 256) {
            out[at++] = (byte) 0xd9;
            out[at++] = (byte) len;
        } else if (len < 65536) {
            out[at++] = (byte) 0xda;
            at = putShort(out, at, len);
        } else {
            out[at++] = (byte) 0xdb;
            at = putInt(out, at, len);
        }
        return at;
    }

    /** Writes a binary header (at most 5 bytes); returns the new position. */
    static int putBinaryHeader(byte[] out, int at, int len) {
        if (len < 256) {
            out[at++] = (byte) 0xc4;
            out[at++] = (byte) len;
        } else if (len < 65536) {
            out[at++] = (byte) 0xc5;
            at = putShort(out, at, len);
        } else {
            out[at++] = (byte) 0xc6;
            at = putInt(out, at, len);
        }
        return at;
    }

    /** Writes an ext header with a 1/2/4-byte length and the type (at most 6 bytes); returns the new position. */
    static int putExtHeader(byte[] out, int at, byte type, int len) {
        if (len < 256) {
            out[at++] = (byte) 0xc7;
            out[at++] = (byte) len;
        } else if (len < 65536) {
            out[at++] = (byte) 0xc8;
            at = putShort(out, at, len);
        } else {
            out[at++] = (byte) 0xc9;
            at = putInt(out, at, len);
        }
        out[at++] = type;
        return at;
    }

    private static int putShort(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 8);
        out[at + 1] = (byte) v;
        return at + 2;
    }

    private static int putInt(byte[] out, int at, int v) {
        out[at] = (byte) (v >>> 24);
        out[at + 1] = (byte) (v >>> 16);
        out[at + 2] = (byte) (v >>> 8);
        out[at + 3] = (byte) v;
        return at + 4;
    }

    static int putLong(byte[] out, int at, long v) {
        return putInt(out, putInt(out, at, (int) (v >>> 32)), (int) v);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) pos + n);
            if (want > Integer.MAX_VALUE - 16) {
                throw Errors.invalid("encoded body too large");
            }
            buf = Arrays.copyOf(buf, (int) want);
        }
    }
}
