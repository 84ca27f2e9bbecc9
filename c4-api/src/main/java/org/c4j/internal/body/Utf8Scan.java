package org.c4j.internal.body;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-level scanning of JSON text in UTF-8: finding the end of the plain run of a string (eight bytes at a time)
 * and checking that a multi-byte sequence is well-formed UTF-8.
 *
 * <p>Stateless; thread-safe. Reads the caller's array, never writes it.
 */
final class Utf8Scan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;
    private static final long QUOTES = 0x2222222222222222L;
    private static final long BACKSLASHES = 0x5C5C5C5C5C5C5C5CL;
    private static final long QUESTION_MARKS = 0x3F3F3F3F3F3F3F3FL;

    private Utf8Scan() {
    }

    /**
     * The index of the first byte at or after {@code p} (and before {@code end}) that is not plain string content:
     * a quote, a backslash, a control character (below 0x20) or any byte of 0x80 and above; {@code end} if none.
     */
    static int plainRunEnd(byte[] in, int p, int end) {
        while (p + 8 <= end) {
            long w = (long) LONGS.get(in, p);
            long q = w ^ QUOTES;
            long b = w ^ BACKSLASHES;
            long special = (w | ((w - SPACES) & ~w) | ((q - ONES) & ~q) | ((b - ONES) & ~b)) & HIGHS;
            if (special != 0) {
                // Borrows only run upward from a flagged byte, so the lowest flag is the first special byte.
                return p + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            p += 8;
        }
        while (p < end) {
            int c = in[p];
            if (c < 0x20 || c == '"' || c == '\\') { // negative: 0x80 and above
                return p;
            }
            p++;
        }
        return end;
    }

    /** As {@link #plainRunEnd}, but a '?' also ends the run. */
    static int plainRunEndOrQuestionMark(byte[] in, int p, int end) {
        while (p + 8 <= end) {
            long w = (long) LONGS.get(in, p);
            long q = w ^ QUOTES;
            long b = w ^ BACKSLASHES;
            long m = w ^ QUESTION_MARKS;
            long special = (w | ((w - SPACES) & ~w) | ((q - ONES) & ~q) | ((b - ONES) & ~b) | ((m - ONES) & ~m)) & HIGHS;
            if (special != 0) {
                return p + (Long.numberOfTrailingZeros(special) >>> 3);
            }
            p += 8;
        }
        while (p < end) {
            int c = in[p];
            if (c < 0x20 || c == '"' || c == '\\' || c == '?') {
                return p;
            }
            p++;
        }
        return end;
    }

    /** True if every byte of {@code in} is below 0x80. */
    static boolean isAscii(byte[] in) {
        int n = in.length;
        int p = 0;
        long any = 0;
        for (; p + 32 <= n; p += 32) {
            any |= (long) LONGS.get(in, p) | (long) LONGS.get(in, p + 8) | (long) LONGS.get(in, p + 16)
                    | (long) LONGS.get(in, p + 24);
        }
        for (; p + 8 <= n; p += 8) {
            any |= (long) LONGS.get(in, p);
        }
        for (; p < n; p++) {
            any |= in[p];
        }
        return (any & HIGHS) == 0;
    }

    /** The index of the first {@code b} in {@code in[p, end)}, or -1. */
    static int indexOf(byte[] in, int p, int end, byte b) {
        long pattern = (b & 0xFFL) * ONES;
        while (p + 8 <= end) {
            long x = (long) LONGS.get(in, p) ^ pattern;
            long hit = (x - ONES) & ~x & HIGHS;
            if (hit != 0) {
                return p + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            p += 8;
        }
        for (; p < end; p++) {
            if (in[p] == b) {
                return p;
            }
        }
        return -1;
    }

    /**
     * The length (2 to 4) of the well-formed UTF-8 sequence starting at {@code p}, or 0 if the bytes there are
     * not one: overlong forms, surrogates, code points above U+10FFFF and truncated sequences are not.
     */
    static int wellFormedLength(byte[] in, int p, int end) {
        int c = in[p] & 0xFF;
        if (c < 0xC2 || c > 0xF4) {
            return 0;
        }
        if (c < 0xE0) {
            return p + 1 < end && isCont(in[p + 1]) ? 2 : 0;
        }
        if (p + 2 >= end) {
            return 0;
        }
        int c1 = in[p + 1] & 0xFF;
        if (c < 0xF0) {
            boolean ok = c == 0xE0 ? c1 >= 0xA0 && c1 <= 0xBF : c == 0xED ? c1 >= 0x80 && c1 <= 0x9F : isCont(c1);
            return ok && isCont(in[p + 2]) ? 3 : 0;
        }
        if (p + 3 >= end) {
            return 0;
        }
        boolean ok = c == 0xF0 ? c1 >= 0x90 && c1 <= 0xBF : c == 0xF4 ? c1 >= 0x80 && c1 <= 0x8F : isCont(c1);
        return ok && isCont(in[p + 2]) && isCont(in[p + 3]) ? 4 : 0;
    }

    private static boolean isCont(int b) {
        return (b & 0xC0) == 0x80;
    }

    /** True for the ASCII digits {@code 0}-{@code 9}. */
    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
