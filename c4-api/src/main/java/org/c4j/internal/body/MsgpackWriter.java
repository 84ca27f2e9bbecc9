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
 * <p>Not thread-safe; one writer per encoding. The array returned by {@link #finish()} belongs to the caller.
 */
public final class MsgpackWriter {
    /** MessagePack ext type of a number kept as its exact JSON text (big integers, decimals, "-0", "1e5"). */
    public static final byte EXT_NUMBER_TEXT = 1;

    private static final int PLACEHOLDER = 5;

    private byte[] buf;
    private int pos;

    // Open containers: index into the header table, element count, whether it is a map.
    private int[] openHeader = new int[16];
    private int[] openCount = new int[16];
    private boolean[] openIsMap = new boolean[16];
    private int depth;

    // Every container header, in order of position.
    private int[] headerPos = new int[16];
    private int[] headerCount = new int[16];
    private boolean[] headerIsMap = new boolean[16];
    private int headers;

    public MsgpackWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int depth() {
        return depth;
    }

    /** True if the innermost open container is a map (the next item written there is a key). */
    public boolean inMap() {
        return depth > 0 && openIsMap[depth - 1];
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
        if (headers == headerPos.length) {
            headerPos = Arrays.copyOf(headerPos, headers * 2);
            headerCount = Arrays.copyOf(headerCount, headers * 2);
            headerIsMap = Arrays.copyOf(headerIsMap, headers * 2);
        }
        if (depth == openHeader.length) {
            openHeader = Arrays.copyOf(openHeader, depth * 2);
            openCount = Arrays.copyOf(openCount, depth * 2);
            openIsMap = Arrays.copyOf(openIsMap, depth * 2);
        }
        headerPos[headers] = pos;
        headerIsMap[headers] = isMap;
        openHeader[depth] = headers;
        openCount[depth] = 0;
        openIsMap[depth] = isMap;
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
        headerCount[openHeader[depth]] = openCount[depth];
    }

    /** Writes a map key (counts one entry of the innermost map). */
    public void writeKey(String key) {
        if (!inMap()) {
            throw new IllegalStateException("key outside a map");
        }
        openCount[depth - 1]++;
        writeStringBody(key);
    }

    /** Writes a map key given as chars (counts one entry of the innermost map). */
    public void writeKey(char[] chars, int off, int len) {
        if (!inMap()) {
            throw new IllegalStateException("key outside a map");
        }
        openCount[depth - 1]++;
        writeStringBody(chars, off, len);
    }

    /** Keys of a map don't count as elements; values in arrays do. */
    private void countValue() {
        if (depth > 0 && !openIsMap[depth - 1]) {
            openCount[depth - 1]++;
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
        if (v >= 0) {
            if (v < 128) {
                buf[pos++] = (byte) v;
            } else if (v < 256) {
                buf[pos++] = (byte) 0xcc;
                buf[pos++] = (byte) v;
            } else if (v < 65536) {
                buf[pos++] = (byte) 0xcd;
                putShort((int) v);
            } else if (v < 4294967296L) {
                buf[pos++] = (byte) 0xce;
                putInt((int) v);
            } else {
                buf[pos++] = (byte) 0xcf;
                putLong(v);
            }
        } else if (v >= -32) {
            buf[pos++] = (byte) v;
        } else if (v >= Byte.MIN_VALUE) {
            buf[pos++] = (byte) 0xd0;
            buf[pos++] = (byte) v;
        } else if (v >= Short.MIN_VALUE) {
            buf[pos++] = (byte) 0xd1;
            putShort((int) v);
        } else if (v >= Integer.MIN_VALUE) {
            buf[pos++] = (byte) 0xd2;
            putInt((int) v);
        } else {
            buf[pos++] = (byte) 0xd3;
            putLong(v);
        }
    }

    public void writeDouble(double d) {
        countValue();
        ensure(9);
        buf[pos++] = (byte) 0xcb;
        putLong(Double.doubleToRawLongBits(d));
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
        if (len < 256) {
            buf[pos++] = (byte) 0xc7;
            buf[pos++] = (byte) len;
        } else if (len < 65536) {
            buf[pos++] = (byte) 0xc8;
            putShort(len);
        } else {
            buf[pos++] = (byte) 0xc9;
            putInt(len);
        }
        buf[pos++] = type;
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
        writeStrHeader(len);
        ensure(len);
        System.arraycopy(utf8, off, buf, pos, len);
        pos += len;
    }

    public void writeBinary(byte[] data) {
        countValue();
        int len = data.length;
        ensure(5 + len);
        if (len < 256) {
            buf[pos++] = (byte) 0xc4;
            buf[pos++] = (byte) len;
        } else if (len < 65536) {
            buf[pos++] = (byte) 0xc5;
            putShort(len);
        } else {
            buf[pos++] = (byte) 0xc6;
            putInt(len);
        }
        System.arraycopy(data, 0, buf, pos, len);
        pos += len;
    }

    private void writeStringBody(String s) {
        int n = s.length();
        int utf8 = Utf8.encodedLength(s);
        writeStrHeader(utf8);
        ensure(utf8);
        if (utf8 == n) {
            for (int i = 0; i < n; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else {
            pos = Utf8.encode(s, buf, pos);
        }
    }

    private void writeStringBody(char[] chars, int off, int len) {
        int utf8 = Utf8.encodedLength(chars, off, len);
        writeStrHeader(utf8);
        ensure(utf8);
        pos = Utf8.encode(chars, off, len, buf, pos);
    }

    private void writeStrHeader(int len) {
        ensure(5);
        if (len < 32) {
            buf[pos++] = (byte) (0xa0 | len);
        } else if (len < 256) {
            buf[pos++] = (byte) 0xd9;
            buf[pos++] = (byte) len;
        } else if (len < 65536) {
            buf[pos++] = (byte) 0xda;
            putShort(len);
        } else {
            buf[pos++] = (byte) 0xdb;
            putInt(len);
        }
    }

    /** Returns the encoded bytes with every container header in its smallest form. */
    public byte[] finish() {
        if (depth != 0) {
            throw new IllegalStateException("unclosed container");
        }
        int saved = 0;
        for (int h = 0; h < headers; h++) {
            saved += PLACEHOLDER - headerSize(headerCount[h]);
        }
        byte[] out = new byte[pos - saved];
        int src = 0;
        int dst = 0;
        for (int h = 0; h < headers; h++) {
            int hp = headerPos[h];
            int run = hp - src;
            System.arraycopy(buf, src, out, dst, run);
            dst += run;
            dst = putHeader(out, dst, headerCount[h], headerIsMap[h]);
            src = hp + PLACEHOLDER;
        }
        System.arraycopy(buf, src, out, dst, pos - src);
        return out;
    }

    /** Bytes written so far (before header compaction): an upper bound of the final size. */
    public int rawSize() {
        return pos;
    }

    private static int headerSize(int count) {
        return count < 16 ? 1 : count < 65536 ? 3 : 5;
    }

    private static int putHeader(byte[] out, int at, int count, boolean isMap) {
        if (count < 16) {
            out[at++] = (byte) ((isMap ? 0x80 : 0x90) | count);
        } else if (count < 65536) {
            out[at++] = (byte) (isMap ? 0xde : 0xdc);
            out[at++] = (byte) (count >>> 8);
            out[at++] = (byte) count;
        } else {
            out[at++] = (byte) (isMap ? 0xdf : 0xdd);
            out[at++] = (byte) (count >>> 24);
            out[at++] = (byte) (count >>> 16);
            out[at++] = (byte) (count >>> 8);
            out[at++] = (byte) count;
        }
        return at;
    }

    private void putShort(int v) {
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putInt(int v) {
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
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
