package org.c4j.storage;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.c4j.storage.internal.StoreErrors;

/**
 * A read-only snapshot of an {@link LmdbStore}: sees exactly what was committed when it began, never blocks and
 * is never blocked by the writer. Close it promptly (try-with-resources): an open snapshot pins old pages, and
 * the memory map can only grow while no snapshot is open — a write that fills the map waits up to
 * {@link StoreOptions#resizeTimeout()} for open snapshots (including ones held by the writing thread itself) and
 * then fails with BUSY.
 *
 * <p>Not thread-safe: use it from one thread at a time; it may move between threads. Closing it closes the
 * {@link RecordCursor}s opened on it.
 */
public final class ReadTxn extends Txn {
    /** Lifecycle; transitions only in {@link #moveTo} (from {@link #close()}). */
    public enum State {
        ACTIVE, CLOSED;

        boolean canMoveTo(State next) {
            return this == ACTIVE && next == CLOSED;
        }
    }

    private final LmdbStore store;
    private final SharedEnv env;
    private final org.lmdbjava.Txn<ByteBuffer> lmdb;
    private final long snapshot;
    private List<RecordCursor> cursors;
    private Map<KeyStore, StoreMeta> lookedUp;
    private State state = State.ACTIVE;

    ReadTxn(LmdbStore store, SharedEnv env) {
        this.store = store;
        this.env = env;
        this.lmdb = env.beginReadLmdb();
        this.snapshot = lmdb.getId();
    }

    public State state() {
        return state;
    }

    /** Id of the last transaction committed before this snapshot began. */
    public long snapshotId() {
        return snapshot;
    }

    @Override
    public LmdbStore store() {
        return store;
    }

    @Override
    public void close() {
        if (state == State.CLOSED) {
            return;
        }
        moveTo(State.CLOSED);
        try {
            if (cursors != null) {
                for (RecordCursor c : cursors) {
                    c.closeByTxn();
                }
                cursors = null;
            }
        } finally {
            env.endReadLmdb(lmdb);
            store.txnEnded();
        }
    }

    @Override
    org.lmdbjava.Txn<ByteBuffer> lmdb() {
        if (state != State.ACTIVE) {
            throw StoreErrors.notInTransaction("read transaction is closed");
        }
        return lmdb;
    }

    @Override
    SharedEnv env() {
        return env;
    }

    @Override
    int storeId(KeyStore ks) {
        return meta(ks).id;
    }

    @Override
    long lastSequence(KeyStore ks) {
        return meta(ks).lastSequence;
    }

    @Override
    long count(KeyStore ks) {
        return meta(ks).count;
    }

    @Override
    int epoch() {
        return 0;
    }

    @Override
    void register(RecordCursor cursor) {
        if (cursors == null) {
            cursors = new ArrayList<>(2);
        }
        cursors.add(cursor);
    }

    @Override
    void unregister(RecordCursor cursor) {
        if (cursors != null) {
            cursors.remove(cursor);
        }
    }

    private StoreMeta meta(KeyStore ks) {
        org.lmdbjava.Txn<ByteBuffer> txn = lmdb();
        checkSameEnv(ks);
        StoreMeta m = ks.committed().visibleAt(snapshot);
        if (m != null) {
            return m;
        }
        // Older than the states kept in memory: read this snapshot's own copy (rare: long-lived snapshots).
        if (lookedUp == null) {
            lookedUp = new IdentityHashMap<>();
        }
        return lookedUp.computeIfAbsent(ks, k -> env.lookupStore(txn, k));
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("ReadTxn: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
