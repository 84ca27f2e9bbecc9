package org.c4j.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes.LiteCore;
import org.c4j.socket.ErrorDomain;
import org.c4j.storage.internal.LmdbErrors;
import org.c4j.storage.internal.RecordLayout;
import org.c4j.storage.internal.Scratch;
import org.c4j.storage.internal.StoreErrors;
import org.lmdbjava.Cursor;
import org.lmdbjava.GetOp;

/**
 * Streams the records of one key store in key order or in sequence order, one at a time, without loading the
 * store into memory. Use: {@code while (c.next()) { Record r = c.record(); ... }}, then {@link #close()} (its
 * transaction also closes it when it ends).
 *
 * <p>Not thread-safe; confined like its transaction. In a write transaction it sees the transaction's own writes,
 * and may be interleaved with them.
 */
public final class RecordCursor implements AutoCloseable {
    /** Position; transitions only in {@link #moveTo} (from {@link #next()}, {@link #close()} and closeByTxn). */
    public enum State {
        BEFORE_FIRST, ON_RECORD, AT_END, CLOSED;

        boolean canMoveTo(State next) {
            return switch (this) {
                case BEFORE_FIRST, ON_RECORD -> next == ON_RECORD || next == AT_END || next == CLOSED;
                case AT_END -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    private final Txn txn;
    private final SharedEnv env;
    private final int storeId;
    private final boolean bySequence;
    private final Content content;
    private final String startKey;
    private final long since;
    /** Own direct buffer for seeks (the thread's scratch may be reused by operations between two next()). */
    private final ByteBuffer seekKey = ByteBuffer.allocateDirect(512);
    private Cursor<ByteBuffer> main;
    private Cursor<ByteBuffer> lookup;
    private int epoch;
    private byte[] keyBytes = new byte[64];
    private int keyLength;
    private long sequence;
    private Record current;
    private State state = State.BEFORE_FIRST;

    RecordCursor(Txn txn, int storeId, boolean bySequence, String startKey, long since, Content content) {
        this.txn = txn;
        this.env = txn.env();
        this.storeId = storeId;
        this.bySequence = bySequence;
        this.startKey = startKey;
        this.since = since;
        this.content = content;
        if (startKey != null) {
            Scratch.get().recordKey(storeId, startKey); // validates now rather than on the first next()
        }
        txn.register(this);
    }

    public State state() {
        return state;
    }

    /** Moves to the next record; false (and {@link State#AT_END}) when there are no more. */
    public boolean next() {
        if (state == State.CLOSED) {
            throw StoreErrors.notOpen("cursor is closed");
        }
        if (state == State.AT_END) {
            return false;
        }
        org.lmdbjava.Txn<ByteBuffer> lmdb = txn.lmdb();
        try {
            boolean found;
            if (main == null || epoch != txn.epoch()) {
                found = seek(lmdb);
            } else {
                found = main.next();
            }
            if (!found || !inStore(main.key())) {
                moveTo(State.AT_END);
                current = null;
                closeLmdb();
                return false;
            }
            current = bySequence ? loadBySequence() : loadByKey();
            moveTo(State.ON_RECORD);
            return true;
        } catch (C4Exception e) {
            throw e;
        } catch (RuntimeException e) {
            throw LmdbErrors.map(e, "iterate");
        }
    }

    /** The current record (content as requested when the cursor was opened). */
    public Record record() {
        if (state != State.ON_RECORD) {
            throw new C4Exception(ErrorDomain.LITECORE, LiteCore.NOT_FOUND, "cursor is " + state);
        }
        return current;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        closeLmdb();
        moveTo(State.CLOSED);
        txn.unregister(this);
    }

    /** Called by the transaction as it ends. */
    void closeByTxn() {
        closeLmdb();
        if (state != State.CLOSED) {
            moveTo(State.CLOSED);
        }
    }

    /** Called before the write transaction's LMDB transaction is replaced; the next call re-seeks. */
    void detach() {
        closeLmdb();
    }

    /** Positions a fresh LMDB cursor: at the start, or just after the current record after a detach. */
    private boolean seek(org.lmdbjava.Txn<ByteBuffer> lmdb) {
        closeLmdb();
        epoch = txn.epoch();
        main = (bySequence ? env.sequences : env.records).openCursor(lmdb);
        if (bySequence) {
            lookup = env.records.openCursor(lmdb);
        }
        seekKey.clear();
        seekKey.putInt(0, storeId);
        if (bySequence) {
            seekKey.putLong(RecordLayout.PREFIX, state == State.BEFORE_FIRST ? since + 1 : sequence + 1);
            seekKey.limit(RecordLayout.PREFIX + 8);
            return main.get(seekKey, GetOp.MDB_SET_RANGE);
        }
        if (state == State.BEFORE_FIRST) {
            if (startKey == null) {
                seekKey.limit(RecordLayout.PREFIX);
            } else {
                ByteBuffer k = Scratch.get().recordKey(storeId, startKey);
                seekKey.put(0, k, 0, k.limit());
                seekKey.limit(k.limit());
            }
            return main.get(seekKey, GetOp.MDB_SET_RANGE);
        }
        seekKey.put(RecordLayout.PREFIX, keyBytes, 0, keyLength);
        seekKey.limit(RecordLayout.PREFIX + keyLength);
        boolean found = main.get(seekKey, GetOp.MDB_SET_RANGE);
        if (found && main.key().equals(seekKey)) {
            found = main.next();
        }
        return found;
    }

    private boolean inStore(ByteBuffer key) {
        return key.limit() > RecordLayout.PREFIX && key.getInt(0) == storeId;
    }

    private Record loadByKey() {
        String key = captureKey(main.key());
        ByteBuffer value = main.val();
        return RecordLayout.toRecord(key, value, content);
    }

    private Record loadBySequence() {
        sequence = main.key().getLong(RecordLayout.PREFIX);
        ByteBuffer recordKey = main.val();
        String key = captureKey(recordKey);
        if (!lookup.get(recordKey, GetOp.MDB_SET_KEY)) {
            throw StoreErrors.corrupt("sequence " + sequence + " points to missing record '" + key + "'");
        }
        return RecordLayout.toRecord(key, lookup.val(), content);
    }

    /** Copies the key part of a record key ({@code storeId|key}) and decodes it. */
    private String captureKey(ByteBuffer recordKey) {
        keyLength = recordKey.limit() - RecordLayout.PREFIX;
        if (keyBytes.length < keyLength) {
            keyBytes = new byte[Math.max(keyLength, keyBytes.length * 2)];
        }
        recordKey.get(RecordLayout.PREFIX, keyBytes, 0, keyLength);
        return new String(keyBytes, 0, keyLength, StandardCharsets.UTF_8);
    }

    private void closeLmdb() {
        if (main != null) {
            main.close();
            main = null;
        }
        if (lookup != null) {
            lookup.close();
            lookup = null;
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("RecordCursor: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
