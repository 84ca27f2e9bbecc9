package org.c4j.storage;

import java.util.Objects;

/**
 * One stored record: a key with an opaque version, body and extra, plus its sequence, flags and expiration.
 *
 * <p>Immutable; thread-safe. The arrays are shared, not copied, for speed: neither the store nor callers may
 * modify them. Parts not loaded (see {@link Content}) are {@code null}; parts stored empty are empty arrays.
 */
public final class Record {
    private final String key;
    private final byte[] version;
    private final byte[] body;
    private final byte[] extra;
    private final long sequence;
    private final int flags;
    private final long expiration;

    public Record(String key, byte[] version, byte[] body, byte[] extra, long sequence, int flags,
                  long expiration) {
        this.key = Objects.requireNonNull(key, "key");
        this.version = version;
        this.body = body;
        this.extra = extra;
        this.sequence = sequence;
        this.flags = flags;
        this.expiration = expiration;
    }

    /** The record's key (e.g. a document ID). */
    public String key() {
        return key;
    }

    /** Opaque metadata, e.g. the current revision ID. */
    public byte[] version() {
        return version;
    }

    /** The body, or null if read with {@link Content#META}. */
    public byte[] body() {
        return body;
    }

    /** Opaque extra data (e.g. an encoded revision tree), or null unless read with {@link Content#ALL}. */
    public byte[] extra() {
        return extra;
    }

    /** Sequence assigned by the last put; 0 in key stores without sequences. */
    public long sequence() {
        return sequence;
    }

    /** Opaque flag bits. */
    public int flags() {
        return flags;
    }

    /** Expiration time in epoch milliseconds, 0 if none. */
    public long expiration() {
        return expiration;
    }

    @Override
    public String toString() {
        return "Record{" + key + " seq=" + sequence + " flags=" + flags
                + " version=" + (version == null ? -1 : version.length) + "B"
                + " body=" + (body == null ? -1 : body.length) + "B"
                + " extra=" + (extra == null ? -1 : extra.length) + "B"
                + (expiration != 0 ? " exp=" + expiration : "") + "}";
    }
}
