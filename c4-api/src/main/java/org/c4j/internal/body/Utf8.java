package org.c4j.internal.body;

import org.c4j.internal.Errors;

/**
 * UTF-8 length and encoding of Java strings into a caller's buffer, rejecting unpaired surrogates (they have no
 * UTF-8 form, so storing them would silently change the text).
 *
 * <p>Stateless; thread-safe.
 */
final class Utf8 {
    private Utf8() {
    }

    static int encodedLength(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw Errors.invalidData("string contains an unpaired surrogate");
                    }
                    len += 2; // 4 bytes for the pair of 2 chars
                    i++;
                } else {
                    len += 2;
                }
            }
        }
        return len;
    }

    static int encodedLength(char[] s, int off, int n) {
        int len = n;
        int end = off + n;
        for (int i = off; i < end; i++) {
            char c = s[i];
            if (c >= 0x80) {
                if (c < 0x800) {
                    len += 1;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(s[i + 1])) {
                        throw Errors.invalidData("string contains an unpaired surrogate");
                    }
                    len += 2;
                    i++;
                } else {
                    len += 2;
                }
            }
        }
        return len;
    }

    /** Encodes a string already checked by {@link #encodedLength(String)}; returns the new position. */
    static int encode(String s, byte[] out, int pos) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                pos = put4(cp, out, pos);
            } else {
                pos = put3(c, out, pos);
            }
        }
        return pos;
    }

    static int encode(char[] s, int off, int n, byte[] out, int pos) {
        int end = off + n;
        for (int i = off; i < end; i++) {
            char c = s[i];
            if (c < 0x80) {
                out[pos++] = (byte) c;
            } else if (c < 0x800) {
                out[pos++] = (byte) (0xc0 | (c >> 6));
                out[pos++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s[++i]);
                pos = put4(cp, out, pos);
            } else {
                pos = put3(c, out, pos);
            }
        }
        return pos;
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
