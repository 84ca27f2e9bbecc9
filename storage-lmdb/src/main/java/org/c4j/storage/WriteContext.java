package org.c4j.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.c4j.storage.internal.LmdbErrors;
import org.c4j.storage.internal.StoreErrors;
import org.lmdbjava.Cursor;

/**
 * One outermost write transaction and everything nested in it: the LMDB write transaction, the per-store
 * states, the reused cursors, the replay log and the nesting depth. Holds the environment's writer lock from
 * creation until the outermost level ends. Confined to the thread that began it ({@link #owner}).
 *
 * <p>"Map full" from LMDB is recovered here: the LMDB transaction is aborted, the map grows, and the logged
 * operations are replayed on a new LMDB transaction, invisibly to the caller.
 */
final class WriteContext {
    /** Lifecycle; transitions only in {@link #moveTo} (from {@link #commitNow} and {@link #abortNow}). */
    enum State {
        ACTIVE, COMMITTED, ABORTED;

        boolean canMoveTo(State next) {
            return this == ACTIVE && next != ACTIVE;
        }
    }

    private final SharedEnv env;
    private final Thread owner = Thread.currentThread();
    private final OpLog log;
    private final List<StoreState> states = new ArrayList<>(4);
    private final List<RecordCursor> cursors = new ArrayList<>(2);
    private final List<StoreMeta> published = new ArrayList<>(4);
    private org.lmdbjava.Txn<ByteBuffer> lmdb;
    private Cursor<ByteBuffer> records;
    private Cursor<ByteBuffer> sequences;
    private int nextStoreId;
    /** Store id of the last key in the by-sequence index in {@link #lmdb}; -1 if not looked up yet. */
    private long lastSequencePrefix = -1;
    private int depth = 1;
    private int epoch;
    private State state = State.ACTIVE;

    WriteContext(SharedEnv env) {
        this.env = env;
        this.log = new OpLog(env.options().replayLimitBytes());
        this.lmdb = env.beginWriteLmdb();
        this.nextStoreId = env.nextStoreId();
    }

    SharedEnv env() {
        return env;
    }

    OpLog log() {
        return log;
    }

    int epoch() {
        return epoch;
    }

    /** Throws unless the calling thread owns this transaction and it is still active. */
    void checkUsable() {
        checkOwner();
        if (state != State.ACTIVE) {
            throw StoreErrors.notInTransaction("write transaction is " + state.name().toLowerCase()
                    + (state == State.ABORTED ? " (a nested level aborted it)" : ""));
        }
    }

    void checkOwner() {
        if (Thread.currentThread() != owner) {
            throw StoreErrors.notInTransaction("write transaction belongs to thread '" + owner.getName() + "'");
        }
    }

    org.lmdbjava.Txn<ByteBuffer> lmdb() {
        checkUsable();
        return lmdb;
    }

    Cursor<ByteBuffer> records() {
        if (records == null) {
            records = env.records.openCursor(lmdb);
        }
        return records;
    }

    Cursor<ByteBuffer> sequences() {
        if (sequences == null) {
            sequences = env.sequences.openCursor(lmdb);
        }
        return sequences;
    }

    /**
     * True if every by-sequence key of store {@code storeId} now sorts after all keys in the index (no store with
     * a higher id has sequences), so a new one may be appended. Looks up the index's last key once per LMDB
     * transaction; deletions only make the answer conservative.
     */
    boolean sequencesAppendable(int storeId) {
        if (lastSequencePrefix < 0) {
            Cursor<ByteBuffer> cursor = sequences();
            lastSequencePrefix = cursor.last() ? Integer.toUnsignedLong(cursor.key().getInt(0)) : 0;
        }
        return Integer.toUnsignedLong(storeId) >= lastSequencePrefix;
    }

    /** A by-sequence key of {@code storeId} was just written. */
    void sequenceWritten(int storeId) {
        lastSequencePrefix = Math.max(lastSequencePrefix, Integer.toUnsignedLong(storeId));
    }

    /** The store's state in this transaction (id 0 if it does not exist). */
    StoreState state(KeyStore ks) {
        for (int i = 0, n = states.size(); i < n; i++) {
            StoreState st = states.get(i);
            if (st.keyStore == ks) {
                return st;
            }
        }
        StoreState st = new StoreState(ks, ks.committed());
        states.add(st);
        return st;
    }

    /** The store's state, creating the store (new id, metadata entry) if it does not exist. */
    StoreState stateForWrite(KeyStore ks) {
        StoreState st = state(ks);
        if (st.id == 0) {
            st.id = nextStoreId++;
            st.lastSequence = 0;
            st.count = 0;
            st.dirty = true;
            env.putStoreMeta(lmdb, ks, st);
            env.putNextStoreId(lmdb, nextStoreId);
        }
        return st;
    }

    void register(RecordCursor cursor) {
        cursors.add(cursor);
    }

    void unregister(RecordCursor cursor) {
        cursors.remove(cursor);
    }

    /** Another level begins on the owner thread. */
    void nest() {
        checkUsable();
        depth++;
    }

    /** A level ends; the outermost one commits or aborts and releases the writer lock. */
    void end(boolean commit) {
        depth--;
        if (depth > 0) {
            if (!commit && state == State.ACTIVE) {
                abortNow();
            } else if (commit && state != State.ACTIVE) {
                throw StoreErrors.notInTransaction("a nested level aborted this write transaction");
            }
            return;
        }
        try {
            if (state != State.ACTIVE) {
                if (commit) {
                    throw StoreErrors.notInTransaction("a nested level aborted this write transaction; "
                            + "nothing was committed");
                }
                return;
            }
            if (commit) {
                commitNow();
            } else {
                abortNow();
            }
        } finally {
            env.writerDone(this);
        }
    }

    /**
     * Handles a failure of an operation that was just logged: on "map full" grows the map and replays the log
     * (returning the replayed result of that operation); anything else aborts the transaction.
     */
    long recover(RuntimeException failure) {
        if (!LmdbErrors.isMapFull(failure)) {
            abortNow();
            throw LmdbErrors.map(failure, "write");
        }
        return restartAndReplay();
    }

    private void commitNow() {
        closeCursors();
        while (true) {
            try {
                writeStates();
                publish();
                lmdb.commit();
                break;
            } catch (RuntimeException e) {
                unpublish();
                if (!LmdbErrors.isMapFull(e)) {
                    abortNow();
                    throw LmdbErrors.map(e, "commit");
                }
                restartAndReplay();
                closeCursors();
            }
        }
        published.clear();
        moveTo(State.COMMITTED);
        env.committed(nextStoreId);
        lmdb.close();
    }

    /** Ends everything: user cursors close, the LMDB transaction (if still live) aborts. */
    private void abortNow() {
        if (state != State.ABORTED) { // a failed replay may abort an already aborted transaction again
            moveTo(State.ABORTED);
        }
        closeCursors();
        if (lmdb != null) {
            lmdb.close();
            lmdb = null;
        }
    }

    private long restartAndReplay() {
        while (true) {
            boolean replayable = log.replayable();
            detachCursors();
            lmdb.close();
            lmdb = null;
            try {
                env.growMap();
            } catch (RuntimeException e) {
                abortNow();
                throw e;
            }
            if (!replayable) {
                abortNow();
                throw StoreErrors.busy("write transaction too large to replay after the database map grew "
                        + "(over " + env.options().replayLimitBytes() + " bytes); the map has grown, retry it");
            }
            lmdb = env.beginWriteLmdb();
            lastSequencePrefix = -1;
            epoch++;
            states.clear();
            nextStoreId = env.nextStoreId();
            try {
                return log.replay(this);
            } catch (RuntimeException e) {
                if (!LmdbErrors.isMapFull(e)) {
                    abortNow();
                    throw LmdbErrors.map(e, "replay");
                }
            }
        }
    }

    private void writeStates() {
        for (StoreState st : states) {
            if (st.dirty && st.id != 0) {
                env.putStoreMeta(lmdb, st.keyStore, st);
            }
        }
    }

    /** Makes the new store states visible to snapshots from this commit on (before LMDB commits). */
    private void publish() {
        long txn = lmdb.getId();
        for (StoreState st : states) {
            if (st.dirty) {
                StoreMeta before = st.keyStore.committed();
                published.add(before);
                st.keyStore.publish(before.next(st.id, st.lastSequence, st.count, txn));
            }
        }
    }

    private void unpublish() {
        int i = 0;
        for (StoreState st : states) {
            if (st.dirty && i < published.size()) {
                st.keyStore.publish(published.get(i++));
            }
        }
        published.clear();
    }

    /**
     * Closes user cursors for good and the internal ones. Any LMDB cursor still open belongs to a live LMDB
     * transaction: cursors are closed or detached before their transaction ends.
     */
    private void closeCursors() {
        for (int i = cursors.size() - 1; i >= 0; i--) {
            cursors.get(i).closeByTxn();
        }
        cursors.clear();
        closeInternalCursors();
    }

    /** Before the LMDB transaction is replaced: user cursors re-open lazily on the new one. */
    private void detachCursors() {
        for (RecordCursor c : cursors) {
            c.detach();
        }
        closeInternalCursors();
    }

    private void closeInternalCursors() {
        if (records != null) {
            records.close();
            records = null;
        }
        if (sequences != null) {
            sequences.close();
            sequences = null;
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("WriteContext: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
