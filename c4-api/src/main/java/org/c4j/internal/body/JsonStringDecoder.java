package org.c4j.internal.body;

import java.util.Arrays;

import org.c4j.internal.Errors;

/**
 * The slow path of {@link Utf8JsonParser}'s strings: decodes the body of a JSON string (escapes, multi-byte
 * sequences) into UTF-16 chars exactly as the Jackson-based converter did, for strings the fast path can't copy
 * through (an escape, or bytes that are not well-formed UTF-8).
 *
 * <p>Jackson's decoding is lenient in ways that must be kept: a sequence's lead byte fixes its length
 * ({@code 110xxxxx} 2, {@code 1110xxxx} 3, {@code 11110xxx} 4) and its continuation bytes are only checked to
 * be {@code 10xxxxxx}, so overlong forms decode to their code point and a 3-byte surrogate decodes to that
 * code unit (an encoded high-low pair becomes a valid pair). A 4-byte sequence outside U+10000..U+10FFFF
 * yields a lone surrogate, which the caller refuses as invalid data. A broken sequence, a control character,
 * an unknown escape or the end of the input is a JSON error.
 *
 * <p>Not thread-safe; owned by one parser. The decoded chars stay in {@link #chars()} until the next decode.
 */
final class JsonStringDecoder {
    private static final int RETAIN_CHARS = 16 * 1024;

    private char[] chars = new char[256];
    private int length;
    private int utf8Length;

    /** The decoded chars of the last string ({@link #length()} of them). */
    char[] chars() {
        return chars;
    }

    int length() {
        return length;
    }

    /**
     * The length of the last string as Jackson measured a property name read from bytes: raw bytes count one
     * each, an escape the bytes of its char in UTF-8 (a surrogate three).
     */
    int utf8Length() {
        return utf8Length;
    }

    /** Drops a buffer grown for one huge string. */
    void trim() {
        if (chars.length > RETAIN_CHARS) {
            chars = new char[256];
        }
    }

    /**
     * Decodes the string whose body starts at {@code p} (just after its opening quote) up to its closing quote;
     * returns the index just after that quote.
     */
    int decode(byte[] in, int p, int end) {
        length = 0;
        utf8Length = 0;
        while (true) {
            if (p >= end) {
                throw error("unexpected end of input in a string", p);
            }
            int c = in[p++] & 0xFF;
            if (c == '"') {
                return p;
            }
            ensure(2);
            if (c == '\\') {
                p = escape(in, p, end);
            } else if (c < 0x20) {
                throw error("unescaped control character in a string", p - 1);
            } else if (c < 0x80) {
                chars[length++] = (char) c;
                utf8Length++;
            } else {
                p = multiByte(in, p, end, c);
            }
        }
    }

    private int escape(byte[] in, int p, int end) {
        if (p >= end) {
            throw error("unexpected end of input in an escape", p);
        }
        int e = in[p++];
        char c;
        switch (e) {
            case 'b': c = '\b'; break;
            case 't': c = '\t'; break;
            case 'n': c = '\n'; break;
            case 'f': c = '\f'; break;
            case 'r': c = '\r'; break;
            case '"':
            case '/':
            case '\\':
                c = (char) e;
                break;
            case 'u': {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    if (p >= end) {
                        throw error("unexpected end of input in an escape", p);
                    }
                    int d = Character.digit(in[p], 16);
                    if (d < 0 || in[p] < 0) {
                        throw error("expected a hex digit in a \\u escape", p);
                    }
                    v = (v << 4) | d;
                    p++;
                }
                c = (char) v;
                break;
            }
            default:
                throw error("unrecognized escape", p - 1);
        }
        chars[length++] = c;
        utf8Length += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        return p;
    }

    private int multiByte(byte[] in, int p, int end, int c) {
        int needed;
        int cp;
        if ((c & 0xE0) == 0xC0) {
            needed = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            needed = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            needed = 3;
            cp = c & 0x07;
        } else {
            throw error("invalid UTF-8 start byte", p - 1);
        }
        for (int i = 0; i < needed; i++) {
            if (p >= end) {
                throw error("unexpected end of input in a UTF-8 sequence", p);
            }
            int d = in[p];
            if ((d & 0xC0) != 0x80) {
                throw error("invalid UTF-8 continuation byte", p);
            }
            cp = (cp << 6) | (d & 0x3F);
            p++;
        }
        utf8Length += needed + 1;
        if (needed < 3) {
            chars[length++] = (char) cp;
        } else {
            int v = cp - 0x10000;
            chars[length++] = (char) (0xD800 | (v >> 10));
            chars[length++] = (char) (0xDC00 | (v & 0x3FF));
        }
        return p;
    }

    private void ensure(int n) {
        if (length + n > chars.length) {
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
        }
    }

    static RuntimeException error(String what, int at) {
        return Errors.json("invalid JSON: " + what + " at byte " + at);
    }
}
