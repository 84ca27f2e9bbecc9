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

    private static RuntimeException unpaired() {
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
