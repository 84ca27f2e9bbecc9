package org.c4j.storage.internal;

import java.nio.ByteBuffer;
import org.c4j.storage.Content;
import org.c4j.storage.Record;

/**
 * Byte layout of the values stored in LMDB, and of the keys of the shared databases. Pure; thread-safe.
 *
 * <p>A record value is a fixed 28-byte header followed by the variable parts, body last so that metadata-only
 * reads never touch it:
 * <pre>
 *   0  sequence    8 bytes, big-endian (0 in stores without sequences)
 *   8  expiration  8 bytes, epoch milliseconds (0 = none)
 *  16  flags       4 bytes
 *  20  versionLen  4 bytes
 *  24  extraLen    4 bytes
 *  28  version | extra | body (body length = value length - 28 - versionLen - extraLen)
 * </pre>
 * Every key of the shared databases starts with the 4-byte big-endian id of its key store:
 * records {@code id|key}, sequences {@code id|seq(8)} -> records key, expiry {@code id|millis(8)|key} -> empty.
 */
public final class RecordLayout {
    public static final int SEQUENCE = 0;
    public static final int EXPIRATION = 8;
    public static final int FLAGS = 16;
    public static final int VERSION_LEN = 20;
    public static final int EXTRA_LEN = 24;
    public static final int HEADER = 28;
    /** Length of the key-store id prefix of every key. */
    public static final int PREFIX = 4;

    private static final byte[] EMPTY = new byte[0];

    private RecordLayout() {
    }

    /** Size of the value for these parts. */
    public static int size(byte[] version, byte[] extra, byte[] body) {
        return HEADER + length(version) + length(extra) + length(body);
    }

    /** Writes a whole value into {@code dst} (from index 0; {@code dst} has at least {@link #size} bytes). */
    public static void write(ByteBuffer dst, long sequence, long expiration, int flags,
                             byte[] version, byte[] extra, byte[] body) {
        dst.putLong(SEQUENCE, sequence);
        dst.putLong(EXPIRATION, expiration);
        dst.putInt(FLAGS, flags);
        dst.putInt(VERSION_LEN, length(version));
        dst.putInt(EXTRA_LEN, length(extra));
        int p = HEADER;
        p = put(dst, p, version);
        p = put(dst, p, extra);
        put(dst, p, body);
    }

    public static long sequence(ByteBuffer value) {
        return value.getLong(SEQUENCE);
    }

    public static long expiration(ByteBuffer value) {
        return value.getLong(EXPIRATION);
    }

    public static int flags(ByteBuffer value) {
        return value.getInt(FLAGS);
    }

    public static byte[] version(ByteBuffer value) {
        return copy(value, HEADER, value.getInt(VERSION_LEN));
    }

    public static byte[] extra(ByteBuffer value) {
        return copy(value, HEADER + value.getInt(VERSION_LEN), value.getInt(EXTRA_LEN));
    }

    public static byte[] body(ByteBuffer value) {
        int at = HEADER + value.getInt(VERSION_LEN) + value.getInt(EXTRA_LEN);
        return copy(value, at, value.limit() - at);
    }

    /** Decodes a stored value into a {@link Record} holding the parts {@code content} asks for. */
    public static Record toRecord(String key, ByteBuffer value, Content content) {
        byte[] body = content == Content.META ? null : body(value);
        byte[] extra = content == Content.ALL ? extra(value) : null;
        return new Record(key, version(value), body, extra, sequence(value), flags(value), expiration(value));
    }

    private static int put(ByteBuffer dst, int at, byte[] part) {
        if (part == null) {
            return at;
        }
        dst.put(at, part);
        return at + part.length;
    }

    private static byte[] copy(ByteBuffer src, int at, int len) {
        if (len == 0) {
            return EMPTY;
        }
        byte[] out = new byte[len];
        src.get(at, out);
        return out;
    }

    private static int length(byte[] part) {
        return part == null ? 0 : part.length;
    }
}
