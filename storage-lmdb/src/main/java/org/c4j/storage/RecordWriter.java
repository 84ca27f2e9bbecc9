package org.c4j.storage;

import java.nio.ByteBuffer;
import org.c4j.storage.internal.FlaggedPut;
import org.c4j.storage.internal.RecordLayout;
import org.c4j.storage.internal.Scratch;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;

/**
 * The write operations on the shared LMDB databases, applied inside a {@link WriteContext}. Each validates its
 * input before changing anything, so a validation error leaves the transaction usable; LMDB failures (including
 * "map full") propagate to the caller, which recovers or aborts. Used on the writer thread only.
 */
final class RecordWriter {
    /**
     * "No flags" for lmdbjava's put, reserve and delete: lmdbjava 0.9.1 turns an empty flag array into a mask
     * with a Stream pipeline (filter, map, boxed reduce) on every call, about a tenth of the save path's CPU,
     * while a null array short-cuts to 0.
     */
    private static final PutFlags[] NO_FLAGS = null;

    private RecordWriter() {
    }

    /** Stores a record; returns its new sequence (0 in stores without sequences). */
    static long put(WriteContext c, KeyStore ks, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        return write(c, ks, key, version, body, extra, flags, false);
    }

    /** Stores a record unless one exists under {@code key}; returns its new sequence, or -1 (nothing written). */
    static long insert(WriteContext c, KeyStore ks, String key, byte[] version, byte[] body, byte[] extra,
                       int flags) {
        return write(c, ks, key, version, body, extra, flags, true);
    }

    private static long write(WriteContext c, KeyStore ks, String key, byte[] version, byte[] body, byte[] extra,
                              int flags, boolean onlyIfAbsent) {
        Scratch s = Scratch.get();
        ByteBuffer k = s.recordKey(0, key);
        StoreState st = c.stateForWrite(ks);
        k.putInt(0, st.id);
        Cursor<ByteBuffer> records = c.records();
        long oldSequence = 0;
        long expiration = 0;
        // One search answers both "does it exist" and "is it past the last key": SET_RANGE finds the first key >= k.
        boolean later = records.get(k, GetOp.MDB_SET_RANGE);
        boolean existed = later && records.key().equals(k);
        if (existed && onlyIfAbsent) {
            return -1;
        }
        if (existed) {
            ByteBuffer old = records.val();
            oldSequence = RecordLayout.sequence(old);
            expiration = RecordLayout.expiration(old);
        }
        long sequence = ks.hasSequences() ? st.lastSequence + 1 : 0;
        // A key past the database's last key is appended (MDB_APPEND): LMDB then splits a full leaf by starting a
        // new page with the new entry alone instead of halving it, so keys that arrive in order (sequences always,
        // document IDs often) fill their pages — a third fewer pages for 1 KiB records, so fewer bytes for each
        // durable commit to write and sync. LMDB refuses (KEYEXIST) an append that is not past the end.
        int size = RecordLayout.size(version, extra, body);
        ByteBuffer dst = later ? records.reserve(k, size, NO_FLAGS) : FlaggedPut.reserveAppend(records, k, size);
        RecordLayout.write(dst, sequence, expiration, flags, version, extra, body);
        if (ks.hasSequences()) {
            if (oldSequence != 0) {
                c.env().sequences.delete(c.lmdb(), s.sequenceKey(st.id, oldSequence));
            }
            // A store's new sequence is above all of its own, so it is past the end unless a later store has some.
            ByteBuffer seqKey = s.sequenceKey(st.id, sequence);
            if (c.sequencesAppendable(st.id)) {
                FlaggedPut.putAppend(c.sequences(), seqKey, k);
            } else {
                c.sequences().put(seqKey, k, NO_FLAGS);
            }
            c.sequenceWritten(st.id);
            st.lastSequence = sequence;
        }
        if (!existed) {
            st.count++;
        }
        st.dirty = true;
        return sequence;
    }

    /**
     * Replaces the content of an existing record keeping its sequence and expiration (no by-sequence change);
     * returns 1 if it existed, else 0 (nothing written).
     */
    static long update(WriteContext c, KeyStore ks, String key, byte[] version, byte[] body, byte[] extra,
                       int flags) {
        Scratch s = Scratch.get();
        ByteBuffer k = s.recordKey(0, key);
        StoreState st = c.state(ks);
        Cursor<ByteBuffer> records = existingRecord(c, st, k);
        if (records == null) {
            return 0;
        }
        ByteBuffer old = records.val();
        long sequence = RecordLayout.sequence(old);
        long expiration = RecordLayout.expiration(old);
        ByteBuffer dst = records.reserve(k, RecordLayout.size(version, extra, body), NO_FLAGS);
        RecordLayout.write(dst, sequence, expiration, flags, version, extra, body);
        return 1;
    }

    /** Removes a record and its index entries; returns 1 if it existed, else 0. */
    static long delete(WriteContext c, KeyStore ks, String key) {
        Scratch s = Scratch.get();
        ByteBuffer k = s.recordKey(0, key);
        StoreState st = c.state(ks);
        Cursor<ByteBuffer> records = existingRecord(c, st, k);
        if (records == null) {
            return 0;
        }
        ByteBuffer old = records.val();
        long oldSequence = RecordLayout.sequence(old);
        long expiration = RecordLayout.expiration(old);
        records.delete(NO_FLAGS);
        if (oldSequence != 0) {
            c.env().sequences.delete(c.lmdb(), s.sequenceKey(st.id, oldSequence));
        }
        if (expiration != 0) {
            c.env().expiry.delete(c.lmdb(), s.expiryKey(expiration, k));
        }
        st.count--;
        st.dirty = true;
        return 1;
    }

    /** Sets (or with 0 clears) a record's expiration; returns 1 if the record exists, else 0. */
    static long setExpiration(WriteContext c, KeyStore ks, String key, long millis) {
        Scratch s = Scratch.get();
        ByteBuffer k = s.recordKey(0, key);
        StoreState st = c.state(ks);
        Cursor<ByteBuffer> records = existingRecord(c, st, k);
        if (records == null) {
            return 0;
        }
        ByteBuffer old = records.val();
        long oldMillis = RecordLayout.expiration(old);
        if (oldMillis == millis) {
            return 1;
        }
        // The old value lives in the map and may move once we write, so copy it first (rare operation).
        byte[] value = new byte[old.remaining()];
        old.get(0, value);
        ByteBuffer dst = records.reserve(k, value.length, NO_FLAGS);
        dst.put(0, value);
        dst.putLong(RecordLayout.EXPIRATION, millis);
        Dbi<ByteBuffer> expiry = c.env().expiry;
        if (oldMillis != 0) {
            expiry.delete(c.lmdb(), s.expiryKey(oldMillis, k));
        }
        if (millis != 0) {
            expiry.put(c.lmdb(), s.expiryKey(millis, k), Scratch.empty(), NO_FLAGS);
        }
        return 1;
    }

    /** Deletes a whole key store: its records, index entries and metadata; returns 1 if it existed, else 0. */
    static long dropStore(WriteContext c, KeyStore ks) {
        StoreState st = c.state(ks);
        if (st.id == 0) {
            return 0;
        }
        SharedEnv env = c.env();
        deleteRange(c, env.records, st.id);
        deleteRange(c, env.sequences, st.id);
        deleteRange(c, env.expiry, st.id);
        env.deleteStoreMeta(c.lmdb(), ks);
        st.id = 0;
        st.lastSequence = 0;
        st.count = 0;
        st.dirty = true;
        return 1;
    }

    /**
     * The record cursor positioned on record {@code k} of {@code st}'s key store (whose ID it writes into
     * {@code k}), or null if the key store or the record does not exist.
     */
    private static Cursor<ByteBuffer> existingRecord(WriteContext c, StoreState st, ByteBuffer k) {
        if (st.id == 0) {
            return null;
        }
        k.putInt(0, st.id);
        Cursor<ByteBuffer> records = c.records();
        return records.get(k, GetOp.MDB_SET_KEY) ? records : null;
    }

    private static void deleteRange(WriteContext c, Dbi<ByteBuffer> dbi, int storeId) {
        try (Cursor<ByteBuffer> cursor = dbi.openCursor(c.lmdb())) {
            // Re-seek after every delete: simple and independent of cursor fix-up rules; deletion is rare.
            while (cursor.get(Scratch.get().prefix(storeId), GetOp.MDB_SET_RANGE)
                    && cursor.key().getInt(0) == storeId) {
                cursor.delete(NO_FLAGS);
            }
        }
    }
}
