package org.c4j.storage.internal;

import java.nio.ByteBuffer;

/**
 * Per-thread direct buffers in which keys are composed before an LMDB call. A buffer is only used for the
 * duration of one store operation on the calling thread, which makes sharing it per thread safe without
 * allocating per operation. Not thread-safe (confined to its thread by construction).
 */
public final class Scratch {
    /** Longest store name in UTF-8 bytes (LMDB's default key limit). */
    public static final int MAX_NAME_BYTES = 511;
    /** Longest record key in UTF-8 bytes: 511 - 4 (store prefix) - 8 (expiry timestamp in the expiry index). */
    public static final int MAX_KEY_BYTES = 511 - RecordLayout.PREFIX - 8;

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    private static final ByteBuffer EMPTY = ByteBuffer.allocateDirect(0);

    private final ByteBuffer recordKey = ByteBuffer.allocateDirect(512);
    private final ByteBuffer sequenceKey = ByteBuffer.allocateDirect(RecordLayout.PREFIX + 8);
    private final ByteBuffer expiryKey = ByteBuffer.allocateDirect(512);
    private final ByteBuffer prefix = ByteBuffer.allocateDirect(RecordLayout.PREFIX);
    private final ByteBuffer name = ByteBuffer.allocateDirect(512);
    private final ByteBuffer value = ByteBuffer.allocateDirect(64);

    private Scratch() {
    }

    /** This thread's buffers. */
    public static Scratch get() {
        return LOCAL.get();
    }

    /** An empty direct value. */
    public static ByteBuffer empty() {
        return EMPTY.duplicate();
    }

    /** {@code storeId|utf8(key)}; validates the key (INVALID_PARAMETER if empty, too long or malformed). */
    public ByteBuffer recordKey(int storeId, String key) {
        ByteBuffer b = recordKey;
        b.clear();
        int n = Utf8.encode(key, b, RecordLayout.PREFIX, MAX_KEY_BYTES);
        b.putInt(0, storeId);
        b.limit(RecordLayout.PREFIX + n);
        return b;
    }

    /** {@code storeId|sequence}. */
    public ByteBuffer sequenceKey(int storeId, long sequence) {
        ByteBuffer b = sequenceKey;
        b.clear();
        b.putInt(0, storeId);
        b.putLong(RecordLayout.PREFIX, sequence);
        return b;
    }

    /** {@code storeId|millis|key}, the key bytes taken from a record key ({@code storeId|key}). */
    public ByteBuffer expiryKey(long millis, ByteBuffer recordKey) {
        ByteBuffer b = expiryKey;
        b.clear();
        int keyLen = recordKey.remaining() - RecordLayout.PREFIX;
        b.putInt(0, recordKey.getInt(recordKey.position()));
        b.putLong(RecordLayout.PREFIX, millis);
        b.put(RecordLayout.PREFIX + 8, recordKey, recordKey.position() + RecordLayout.PREFIX, keyLen);
        b.limit(RecordLayout.PREFIX + 8 + keyLen);
        return b;
    }

    /** {@code storeId} alone, to seek to the first key of a store. */
    public ByteBuffer prefix(int storeId) {
        ByteBuffer b = prefix;
        b.clear();
        b.putInt(0, storeId);
        return b;
    }

    /** Validates a store name: non-empty, at most {@link #MAX_NAME_BYTES} UTF-8 bytes, well-formed. */
    public void checkName(String storeName) {
        name.clear();
        Utf8.encode(storeName, name, 0, MAX_NAME_BYTES);
    }

    /** A store name's UTF-8 bytes. */
    public ByteBuffer name(byte[] utf8) {
        ByteBuffer b = name;
        b.clear();
        b.put(0, utf8);
        b.limit(utf8.length);
        return b;
    }

    /** A cleared 64-byte buffer for small values (store metadata, info entries). */
    public ByteBuffer value(int length) {
        ByteBuffer b = value;
        b.clear();
        b.limit(length);
        return b;
    }
}
