package org.c4j.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.c4j.socket.C4Exception;
import org.c4j.storage.internal.LmdbErrors;
import org.c4j.storage.internal.RecordLayout;
import org.c4j.storage.internal.Scratch;
import org.c4j.storage.internal.StoreErrors;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * A named set of {@link Record}s in an {@link LmdbStore} (after LiteCore's KeyStore): e.g. the documents of a
 * collection, local documents, database info. Created by its first write; deleted with
 * {@link LmdbStore#deleteKeyStore}.
 *
 * <p>A store with sequences assigns each {@link #put} the next of its strictly increasing sequences (never
 * reused, even after deletes) and keeps a by-sequence index ({@link #bySequence}).
 *
 * <p>Keys are non-empty strings of at most {@link #MAX_KEY_BYTES} UTF-8 bytes (longer keys, and strings with
 * unpaired surrogates, get INVALID_PARAMETER and change nothing).
 *
 * <p>Thread-safe: all state lives in the transactions passed in. Arrays passed to {@link #put} are referenced
 * until the transaction ends (don't modify them); returned records own fresh arrays.
 */
public final class KeyStore {
    /** Longest key in UTF-8 bytes: LMDB's 511-byte key limit minus this layer's prefixes. */
    public static final int MAX_KEY_BYTES = Scratch.MAX_KEY_BYTES;

    private final SharedEnv env;
    private final String name;
    private final byte[] nameBytes;
    private final boolean sequences;
    private volatile StoreMeta committed;

    KeyStore(SharedEnv env, String name, boolean sequences, StoreMeta committed) {
        this.env = env;
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
        this.sequences = sequences;
        this.committed = committed;
    }

    public String name() {
        return name;
    }

    /** True if this store assigns sequences and keeps a by-sequence index. */
    public boolean hasSequences() {
        return sequences;
    }

    // ---- reads ----

    /** The whole record under {@code key}, or null. */
    public Record get(Txn txn, String key) {
        return get(txn, key, Content.ALL);
    }

    /** The record under {@code key} with the parts {@code content} asks for, or null. */
    public Record get(Txn txn, String key, Content content) {
        Objects.requireNonNull(content, "content");
        ByteBuffer value = value(txn, key);
        return value == null ? null : RecordLayout.toRecord(key, value, content);
    }

    /** Expiration of the record under {@code key} in epoch milliseconds; 0 if none or no such record. */
    public long expiration(Txn txn, String key) {
        ByteBuffer value = value(txn, key);
        return value == null ? 0 : RecordLayout.expiration(value);
    }

    /** The last sequence assigned (0 if none, or for stores without sequences). */
    public long lastSequence(Txn txn) {
        return txn.lastSequence(this);
    }

    /** Number of records. */
    public long count(Txn txn) {
        return txn.count(this);
    }

    /** Records in key order (UTF-8 byte order), from {@code startKey} inclusive (null: from the first). */
    public RecordCursor byKey(Txn txn, String startKey, Content content) {
        Objects.requireNonNull(content, "content");
        txn.lmdb();
        return new RecordCursor(txn, txn.storeId(this), false, startKey, 0, content);
    }

    /** Records in sequence order, from the first sequence after {@code sinceExclusive}. */
    public RecordCursor bySequence(Txn txn, long sinceExclusive, Content content) {
        Objects.requireNonNull(content, "content");
        if (!sequences) {
            throw StoreErrors.invalid("key store '" + name + "' has no sequences");
        }
        txn.lmdb();
        return new RecordCursor(txn, txn.storeId(this), true, null, sinceExclusive, content);
    }

    /** The earliest expiration time of any record, or 0 if none expires. */
    public long nextExpiration(Txn txn) {
        org.lmdbjava.Txn<ByteBuffer> lmdb = txn.lmdb();
        int id = txn.storeId(this);
        if (id == 0) {
            return 0;
        }
        try (Cursor<ByteBuffer> c = env.expiry.openCursor(lmdb)) {
            if (c.get(Scratch.get().prefix(id), GetOp.MDB_SET_RANGE) && c.key().getInt(0) == id) {
                return c.key().getLong(RecordLayout.PREFIX);
            }
            return 0;
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "nextExpiration");
        }
    }

    /** Keys of up to {@code limit} records whose expiration is at or before {@code nowMillis}, earliest first. */
    public List<String> expiredKeys(Txn txn, long nowMillis, int limit) {
        org.lmdbjava.Txn<ByteBuffer> lmdb = txn.lmdb();
        int id = txn.storeId(this);
        List<String> keys = new ArrayList<>();
        if (id == 0) {
            return keys;
        }
        try (Cursor<ByteBuffer> c = env.expiry.openCursor(lmdb)) {
            boolean found = c.get(Scratch.get().prefix(id), GetOp.MDB_SET_RANGE);
            int keyAt = RecordLayout.PREFIX + 8;
            while (found && keys.size() < limit) {
                ByteBuffer k = c.key();
                if (k.getInt(0) != id || k.getLong(RecordLayout.PREFIX) > nowMillis) {
                    break;
                }
                byte[] bytes = new byte[k.limit() - keyAt];
                k.get(keyAt, bytes);
                keys.add(new String(bytes, StandardCharsets.UTF_8));
                found = c.next();
            }
            return keys;
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "expiredKeys");
        }
    }

    // ---- writes ----

    /**
     * Stores a record, replacing any under {@code key} (its expiration is kept).
     *
     * @param version opaque metadata (e.g. revision ID), may be null (stored empty)
     * @param body    may be null (stored empty)
     * @param extra   opaque extra data, may be null (stored empty)
     * @return the new sequence, or 0 in a store without sequences
     */
    public long put(WriteTxn txn, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        return write(txn, key, version, body, extra, flags, false);
    }

    /**
     * {@link #put} only if there is no record under {@code key}: one search instead of a {@link #get} and a put,
     * for a writer that expects a new key.
     *
     * @return the new sequence (0 in a store without sequences), or -1 if a record exists (nothing is written)
     */
    public long insert(WriteTxn txn, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        return write(txn, key, version, body, extra, flags, true);
    }

    /** {@link #put} or {@link #insert}, logged for replay after map growth. */
    private long write(WriteTxn txn, String key, byte[] version, byte[] body, byte[] extra, int flags,
                       boolean onlyIfAbsent) {
        WriteContext c = writeContext(txn, key);
        long result;
        try {
            result = onlyIfAbsent ? RecordWriter.insert(c, this, key, version, body, extra, flags)
                    : RecordWriter.put(c, this, key, version, body, extra, flags);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            log(c, key, version, body, extra, flags, onlyIfAbsent);
            return c.recover(e);
        }
        log(c, key, version, body, extra, flags, onlyIfAbsent);
        return result;
    }

    private void log(WriteContext c, String key, byte[] version, byte[] body, byte[] extra, int flags,
                     boolean onlyIfAbsent) {
        if (onlyIfAbsent) {
            c.log().insert(this, key, version, body, extra, flags);
        } else {
            c.log().put(this, key, version, body, extra, flags);
        }
    }

    /**
     * Replaces the content of the existing record under {@code key} but keeps its sequence (and expiration): it
     * does not move in the by-sequence order (LiteCore's save without a new sequence, e.g. when only
     * remote-revision markers change).
     *
     * @return false if there is no such record (nothing is written)
     */
    public boolean update(WriteTxn txn, String key, byte[] version, byte[] body, byte[] extra, int flags) {
        WriteContext c = writeContext(txn, key);
        long result;
        try {
            result = RecordWriter.update(c, this, key, version, body, extra, flags);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            c.log().update(this, key, version, body, extra, flags);
            return c.recover(e) != 0;
        }
        c.log().update(this, key, version, body, extra, flags);
        return result != 0;
    }

    /** Removes the record under {@code key} with its index entries (a purge); false if there was none. */
    public boolean delete(WriteTxn txn, String key) {
        WriteContext c = writeContext(txn, key);
        long result;
        try {
            result = RecordWriter.delete(c, this, key);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            c.log().delete(this, key);
            return c.recover(e) != 0;
        }
        c.log().delete(this, key);
        return result != 0;
    }

    /**
     * Sets the expiration of the record under {@code key} (epoch milliseconds; 0 clears it).
     *
     * @return false if there is no such record
     */
    public boolean setExpiration(WriteTxn txn, String key, long epochMillis) {
        if (epochMillis < 0) {
            throw StoreErrors.invalid("negative expiration");
        }
        WriteContext c = writeContext(txn, key);
        long result;
        try {
            result = RecordWriter.setExpiration(c, this, key, epochMillis);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            c.log().expire(this, key, epochMillis);
            return c.recover(e) != 0;
        }
        c.log().expire(this, key, epochMillis);
        return result != 0;
    }

    @Override
    public String toString() {
        return "KeyStore{" + name + (sequences ? ", sequences" : "") + "}";
    }

    // ---- internals ----

    SharedEnv env() {
        return env;
    }

    byte[] nameBytes() {
        return nameBytes;
    }

    StoreMeta committed() {
        return committed;
    }

    /** Called by the writer only (under the writer lock). */
    void publish(StoreMeta meta) {
        committed = meta;
    }

    boolean drop(WriteTxn txn) {
        WriteContext c = txn.context();
        txn.checkSameEnv(this);
        long result;
        try {
            result = RecordWriter.dropStore(c, this);
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            c.log().drop(this);
            return c.recover(e) != 0;
        }
        c.log().drop(this);
        return result != 0;
    }

    private WriteContext writeContext(WriteTxn txn, String key) {
        Objects.requireNonNull(key, "key");
        WriteContext c = txn.context();
        txn.checkSameEnv(this);
        return c;
    }

    /** The stored value under {@code key} (valid until the next operation on the transaction), or null. */
    private ByteBuffer value(Txn txn, String key) {
        Objects.requireNonNull(key, "key");
        org.lmdbjava.Txn<ByteBuffer> lmdb = txn.lmdb();
        ByteBuffer k = Scratch.get().recordKey(0, key);
        int id = txn.storeId(this);
        if (id == 0) {
            return null;
        }
        k.putInt(0, id);
        try {
            return env.records.get(lmdb, k);
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "get");
        }
    }
}
