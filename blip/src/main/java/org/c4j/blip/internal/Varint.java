package org.c4j.blip.internal;

import java.nio.ByteBuffer;
import org.c4j.socket.ErrorCodes;

/**
 * Unsigned LEB128 varints as BLIP uses them (7 bits per byte, least significant group first, high bit set on all
 * but the last byte). A Java {@code long} holds the full unsigned 64-bit range: negative values stand for 2^63 and
 * above. Stateless; thread-safe.
 */
public final class Varint {
    private Varint() {
    }

    /** Number of bytes {@link #write} uses for {@code value} (1..10). */
    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code value} at {@code dst[offset]}; returns the number of bytes written. */
    public static int write(long value, byte[] dst, int offset) {
        int pos = offset;
        while ((value & ~0x7FL) != 0) {
            dst[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        dst[pos++] = (byte) value;
        return pos - offset;
    }

    /** Writes {@code value} at the buffer's position, advancing it. */
    public static void write(long value, ByteBuffer dst) {
        while ((value & ~0x7FL) != 0) {
            dst.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        dst.put((byte) value);
    }

    /**
     * Reads one varint at the buffer's position and advances past it.
     *
     * @throws BlipProtocolException if the buffer ends inside the varint, or it is longer than ten bytes or
     *                               overflows 64 bits
     */
    public static long read(ByteBuffer src) {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            if (!src.hasRemaining()) {
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "truncated varint");
            }
            int b = src.get() & 0xFF;
            if (shift == 63 && b > 1) {
                // The tenth byte may carry only bit 63: more is an overflow or an eleventh byte.
                throw new BlipProtocolException(ErrorCodes.Blip.BAD_FRAME, "varint longer than 64 bits");
            }
            result |= (long) (b & 0x7F) << shift;
            if (b < 0x80) {
                return result;
            }
        }
    }
}
