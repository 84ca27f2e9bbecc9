package org.c4j.storage;

import java.nio.ByteBuffer;

/**
 * Committed state of a key store as published by the commit that produced it (write transaction id
 * {@link #fromTxn}), with the state it replaced, so that a reader whose snapshot predates that commit still finds
 * the state it must see. Stored in the "stores" database as {@code id(4) flags(4) lastSequence(8) count(8)}.
 * Immutable; thread-safe.
 */
final class StoreMeta {
    static final int SIZE = 24;
    private static final int FLAG_SEQUENCES = 1;

    /** 0 when the store does not exist. */
    final int id;
    final boolean sequences;
    final long lastSequence;
    final long count;
    /** First snapshot (LMDB transaction id) that sees this state. */
    final long fromTxn;
    /** The state before, for older snapshots; null when unknown (readers then look the store up). */
    final StoreMeta older;

    StoreMeta(int id, boolean sequences, long lastSequence, long count, long fromTxn, StoreMeta older) {
        this.id = id;
        this.sequences = sequences;
        this.lastSequence = lastSequence;
        this.count = count;
        this.fromTxn = fromTxn;
        this.older = older;
    }

    static StoreMeta absent(boolean sequences, long fromTxn) {
        return new StoreMeta(0, sequences, 0, 0, fromTxn, null);
    }

    /** The state that replaces this one from snapshot {@code txn} on; keeps one older state for readers. */
    StoreMeta next(int newId, long newLastSequence, long newCount, long txn) {
        StoreMeta previous = new StoreMeta(id, sequences, lastSequence, count, fromTxn, null);
        return new StoreMeta(newId, sequences, newLastSequence, newCount, txn, previous);
    }

    /** The state visible to snapshot {@code snapshot}, or null if it is older than what is kept here. */
    StoreMeta visibleAt(long snapshot) {
        StoreMeta m = this;
        while (m != null && m.fromTxn > snapshot) {
            m = m.older;
        }
        return m;
    }

    static void encode(ByteBuffer dst, int id, boolean sequences, long lastSequence, long count) {
        dst.putInt(0, id);
        dst.putInt(4, sequences ? FLAG_SEQUENCES : 0);
        dst.putLong(8, lastSequence);
        dst.putLong(16, count);
    }

    static StoreMeta decode(ByteBuffer src, long fromTxn) {
        return new StoreMeta(src.getInt(0), (src.getInt(4) & FLAG_SEQUENCES) != 0, src.getLong(8),
                src.getLong(16), fromTxn, null);
    }
}
