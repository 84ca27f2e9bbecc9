package org.c4j.internal.body;

import java.nio.charset.StandardCharsets;

import org.c4j.internal.Errors;

/**
 * A bounds-checked cursor over MessagePack bytes. Malformed or truncated data raises
 * {@code C4Exception(LITECORE, CORRUPT_REVISION_DATA)}, never an index exception.
 *
 * <p>Not thread-safe. Reads the caller's array in place and never modifies it; slices it reports
 * ({@link #sliceOffset()}, {@link #sliceLength()}) point into that array.
 */
public final class MsgpackReader {
    /** The kinds of value {@link #peek()} reports. */
    public enum Kind { NIL, BOOLEAN, INTEGER, FLOAT, STRING, BINARY, ARRAY, MAP, EXT }

    private final byte[] buf;
    private final int end;
    private int pos;
    private int sliceOff;
    private int sliceLen;
    private byte extType;
    private boolean unsigned64;

    public MsgpackReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public MsgpackReader(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length) {
            throw new IndexOutOfBoundsException();
        }
        this.buf = buf;
        this.pos = off;
        this.end = off + len;
    }

    public byte[] buffer() {
        return buf;
    }

    public int position() {
        return pos;
    }

    public void seek(int position) {
        if (position < 0 || position > end) {
            throw new IndexOutOfBoundsException();
        }
        pos = position;
    }

    public boolean hasMore() {
        return pos < end;
    }

    /** Offset of the last string, binary or ext payload read. */
    public int sliceOffset() {
        return sliceOff;
    }

    public int sliceLength() {
        return sliceLen;
    }

    /** Type byte of the last ext value read. */
    public byte extType() {
        return extType;
    }

    public Kind peek() {
        need(1);
        int b = buf[pos] & 0xff;
        if (b <= 0x7f || b >= 0xe0) {
            return Kind.INTEGER;
        }
        if (b <= 0x8f) {
            return Kind.MAP;
        }
        if (b <= 0x9f) {
            return Kind.ARRAY;
        }
        if (b <= 0xbf) {
            return Kind.STRING;
        }
        switch (b) {
            case 0xc0: return Kind.NIL;
            case 0xc2: case 0xc3: return Kind.BOOLEAN;
            case 0xc4: case 0xc5: case 0xc6: return Kind.BINARY;
            case 0xc7: case 0xc8: case 0xc9: case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: return Kind.EXT;
            case 0xca: case 0xcb: return Kind.FLOAT;
            case 0xcc: case 0xcd: case 0xce: case 0xcf: case 0xd0: case 0xd1: case 0xd2: case 0xd3: return Kind.INTEGER;
            case 0xd9: case 0xda: case 0xdb: return Kind.STRING;
            case 0xdc: case 0xdd: return Kind.ARRAY;
            case 0xde: case 0xdf: return Kind.MAP;
            default: throw Errors.corrupt("invalid MessagePack type byte 0x" + Integer.toHexString(b));
        }
    }

    public void readNil() {
        if (u8() != 0xc0) {
            throw Errors.corrupt("expected nil");
        }
    }

    public boolean readBoolean() {
        int b = u8();
        if (b == 0xc2) {
            return false;
        }
        if (b == 0xc3) {
            return true;
        }
        throw Errors.corrupt("expected boolean");
    }

    /**
     * Reads any integer. A uint64 above {@link Long#MAX_VALUE} comes back as its (negative) two's-complement bits;
     * {@link #lastWasUnsigned64()} tells them apart.
     */
    public long readLong() {
        unsigned64 = false;
        int b = u8();
        if (b <= 0x7f) {
            return b;
        }
        if (b >= 0xe0) {
            return (byte) b;
        }
        switch (b) {
            case 0xcc: return u8();
            case 0xcd: return u16();
            case 0xce: return u32();
            case 0xcf: {
                long v = i64();
                unsigned64 = v < 0;
                return v;
            }
            case 0xd0: need(1); return buf[pos++];
            case 0xd1: return (short) u16();
            case 0xd2: return (int) u32();
            case 0xd3: return i64();
            default: throw Errors.corrupt("expected integer");
        }
    }

    public boolean lastWasUnsigned64() {
        return unsigned64;
    }

    public double readDouble() {
        int b = u8();
        if (b == 0xcb) {
            return Double.longBitsToDouble(i64());
        }
        if (b == 0xca) {
            return Float.intBitsToFloat((int) u32());
        }
        throw Errors.corrupt("expected float");
    }

    /** Reads a string header and records its UTF-8 bytes as the current slice; returns the byte length. */
    public int readStringSlice() {
        int b = u8();
        int len;
        if (b >= 0xa0 && b <= 0xbf) {
            len = b & 0x1f;
        } else if (b == 0xd9) {
            len = u8();
        } else if (b == 0xda) {
            len = u16();
        } else if (b == 0xdb) {
            len = length32();
        } else {
            throw Errors.corrupt("expected string");
        }
        return slice(len);
    }

    public String readString() {
        int len = readStringSlice();
        return new String(buf, sliceOff, len, StandardCharsets.UTF_8);
    }

    public int readBinarySlice() {
        int b = u8();
        int len;
        if (b == 0xc4) {
            len = u8();
        } else if (b == 0xc5) {
            len = u16();
        } else if (b == 0xc6) {
            len = length32();
        } else {
            throw Errors.corrupt("expected binary");
        }
        return slice(len);
    }

    /** Reads an ext value: its type goes to {@link #extType()}, its payload to the current slice. */
    public int readExtSlice() {
        int b = u8();
        int len;
        switch (b) {
            case 0xd4: len = 1; break;
            case 0xd5: len = 2; break;
            case 0xd6: len = 4; break;
            case 0xd7: len = 8; break;
            case 0xd8: len = 16; break;
            case 0xc7: len = u8(); break;
            case 0xc8: len = u16(); break;
            case 0xc9: len = length32(); break;
            default: throw Errors.corrupt("expected ext");
        }
        need(1);
        extType = buf[pos++];
        return slice(len);
    }

    public int readArrayHeader() {
        int b = u8();
        if (b >= 0x90 && b <= 0x9f) {
            return b & 0x0f;
        }
        if (b == 0xdc) {
            return u16();
        }
        if (b == 0xdd) {
            return length32();
        }
        throw Errors.corrupt("expected array");
    }

    public int readMapHeader() {
        int b = u8();
        if (b >= 0x80 && b <= 0x8f) {
            return b & 0x0f;
        }
        if (b == 0xde) {
            return u16();
        }
        if (b == 0xdf) {
            return length32();
        }
        throw Errors.corrupt("expected map");
    }

    /** Skips one complete value, however deeply nested, without recursion. */
    public void skipValue() {
        long remaining = 1;
        while (remaining > 0) {
            remaining--;
            switch (peek()) {
                case NIL: readNil(); break;
                case BOOLEAN: readBoolean(); break;
                case INTEGER: readLong(); break;
                case FLOAT: readDouble(); break;
                case STRING: readStringSlice(); break;
                case BINARY: readBinarySlice(); break;
                case EXT: readExtSlice(); break;
                case ARRAY: remaining += readArrayHeader(); break;
                case MAP: remaining += 2L * readMapHeader(); break;
                default: throw new AssertionError();
            }
        }
    }

    private int slice(int len) {
        need(len);
        sliceOff = pos;
        sliceLen = len;
        pos += len;
        return len;
    }

    private int length32() {
        long len = u32();
        if (len > end - pos) {
            throw Errors.corrupt("truncated MessagePack data");
        }
        return (int) len;
    }

    private void need(int n) {
        if (n < 0 || end - pos < n) {
            throw Errors.corrupt("truncated MessagePack data");
        }
    }

    private int u8() {
        need(1);
        return buf[pos++] & 0xff;
    }

    private int u16() {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private long u32() {
        need(4);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private long i64() {
        long hi = u32();
        long lo = u32();
        return (hi << 32) | lo;
    }
}
