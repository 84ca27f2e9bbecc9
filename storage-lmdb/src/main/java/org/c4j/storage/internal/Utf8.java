package org.c4j.storage.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;

/**
 * UTF-8 encoding of keys straight into direct buffers (no intermediate {@code byte[]}), and decoding back.
 * Pure; thread-safe.
 */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Writes {@code s} as UTF-8 into {@code dst} at absolute index {@code at}, writing at most {@code maxBytes}.
     *
     * @return the number of bytes written
     * @throws C4Exception INVALID_PARAMETER if {@code s} is empty, longer than {@code maxBytes} once encoded, or
     *     holds an unpaired surrogate (which has no UTF-8 form, so two such keys could not be told apart)
     */
    public static int encode(String s, ByteBuffer dst, int at, int maxBytes) {
        int n = s.length();
        if (n == 0) {
            throw invalid("empty key");
        }
        int end = at + maxBytes;
        int p = at;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (p >= end) {
                    throw tooLong(maxBytes);
                }
                dst.put(p++, (byte) c);
            } else if (c < 0x800) {
                if (p + 2 > end) {
                    throw tooLong(maxBytes);
                }
                dst.put(p++, (byte) (0xC0 | (c >> 6)));
                dst.put(p++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw invalid("key holds an unpaired surrogate");
                }
                int cp = Character.toCodePoint(c, s.charAt(++i));
                if (p + 4 > end) {
                    throw tooLong(maxBytes);
                }
                dst.put(p++, (byte) (0xF0 | (cp >> 18)));
                dst.put(p++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                dst.put(p++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                dst.put(p++, (byte) (0x80 | (cp & 0x3F)));
            } else {
                if (p + 3 > end) {
                    throw tooLong(maxBytes);
                }
                dst.put(p++, (byte) (0xE0 | (c >> 12)));
                dst.put(p++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                dst.put(p++, (byte) (0x80 | (c & 0x3F)));
            }
        }
        return p - at;
    }

    /** Decodes {@code len} UTF-8 bytes of {@code src} from absolute index {@code at}. */
    public static String decode(ByteBuffer src, int at, int len) {
        byte[] bytes = new byte[len];
        src.get(at, bytes, 0, len);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static C4Exception tooLong(int maxBytes) {
        return invalid("key longer than " + maxBytes + " UTF-8 bytes");
    }

    private static C4Exception invalid(String message) {
        return new C4Exception(ErrorDomain.LITECORE, LiteCore.INVALID_PARAMETER, message);
    }
}
