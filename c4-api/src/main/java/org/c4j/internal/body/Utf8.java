package org.c4j.internal.body;

import org.c4j.internal.Errors;

/**
 * UTF-8 encoding of Java strings into a caller's buffer in one pass, rejecting unpaired surrogates (they have no
 * UTF-8 form, so storing them would silently change the text). The caller makes room for
 * {@link #MAX_BYTES_PER_CHAR} bytes per char.
 *
 * <p>Stateless; thread-safe.
 */
final class Utf8 {
    /** Most UTF-8 bytes one UTF-16 char can need (a surrogate pair's 4 bytes are 2 per char). */
    static final int MAX_BYTES_PER_CHAR = 3;

    private Utf8() {
    }

    /** Encodes {@code s}; returns the new position. */
    static int encode(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw unpaired();
                }
                pos = put4(Character.toCodePoint(c, s.charAt(++i)), out, pos);
            } else {
                pos = put3(c, out, pos);
            }
        }
        return pos;
    }

    /** Encodes {@code s[off, off+n)}; returns the new position. */
    static int encode(char[] s, int off, int n, byte[] out, int pos) {
        int end = off + n;
        for (int i = off; i < end; i++) {
            char c = s[i];
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(s[i + 1])) {
                    throw unpaired();
                }
                pos = put4(Character.toCodePoint(c, s[++i]), out, pos);
            } else {
                pos = put3(c, out, pos);
            }
        }
        return pos;
    }

    /** True if {@code s[off, off+n)} holds a surrogate that is not part of a high-low pair. */
    static boolean hasUnpairedSurrogate(char[] s, int off, int n) {
        int end = off + n;
        for (int i = off; i < end; i++) {
            char c = s[i];
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(s[i + 1])) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /** True if {@code s} holds a surrogate that is not part of a high-low pair. */
    static boolean hasUnpairedSurrogate(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }

    /**
     * {@code s} as UTF-8, except that an unpaired surrogate is written as the three bytes its code unit would
     * have if it were a character (as WTF-8 does) instead of failing: a decoder that maps 3-byte sequences to
     * code units gives back exactly the chars of {@code s}, so the unpaired surrogate can be reported where
     * it matters (inside a JSON string) and ignored where the text is invalid anyway.
     */
    static byte[] encodeKeepingSurrogates(String s) {
        int n = s.length();
        byte[] out = new byte[MAX_BYTES_PER_CHAR * n];
        int pos = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                pos = put4(Character.toCodePoint(c, s.charAt(++i)), out, pos);
            } else {
                pos = put3(c, out, pos);
            }
        }
        return java.util.Arrays.copyOf(out, pos);
    }

    static RuntimeException unpaired() {
        return Errors.invalidData("string contains an unpaired surrogate");
    }

    private static int put3(char c, byte[] out, int pos) {
        out[pos++] = (byte) (0xe0 | (c >> 12));
        out[pos++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        out[pos++] = (byte) (0x80 | (c & 0x3f));
        return pos;
    }

    private static int put4(int cp, byte[] out, int pos) {
        out[pos++] = (byte) (0xf0 | (cp >> 18));
        out[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
        out[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
        out[pos++] = (byte) (0x80 | (cp & 0x3f));
        return pos;
    }
}
