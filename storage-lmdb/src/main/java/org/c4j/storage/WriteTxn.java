package org.c4j.storage;

import java.nio.ByteBuffer;
import org.c4j.storage.internal.StoreErrors;

/**
 * One level of a write transaction. Only one thread writes to a database at a time (others wait in
 * {@link LmdbStore#beginWrite()}); a thread that begins again while writing gets a nested level of the same
 * transaction. Only the outermost {@link #commit()} commits; {@link #abort()} (or {@link #close()} without commit)
 * at any level aborts the whole transaction, and a later commit of an enclosing level then throws
 * NOT_IN_TRANSACTION. When the outermost commit returns, the data is durable (unless the store was opened with
 * {@code withDurable(false)}).
 *
 * <p>Confined to the thread that began it. Reads through it see its own uncommitted writes. The store keeps
 * references to the arrays passed to {@link KeyStore#put} until the transaction ends: don't modify them.
 */
public final class WriteTxn extends Txn {
    /** Lifecycle of this level; transitions only in {@link #moveTo} (from {@link #end}). */
    public enum State {
        ACTIVE, COMMITTED, ABORTED;

        /** A commit that fails ends the level ABORTED. */
        boolean canMoveTo(State next) {
            return switch (this) {
                case ACTIVE -> next != ACTIVE;
                case COMMITTED -> next == ABORTED;
                case ABORTED -> false;
            };
        }
    }

    private final LmdbStore store;
    private final WriteContext context;
    private State state = State.ACTIVE;

    WriteTxn(LmdbStore store, WriteContext context) {
        this.store = store;
        this.context = context;
    }

    public State state() {
        return state;
    }

    /** Commits if this is the outermost level, otherwise just ends this level. */
    public void commit() {
        end(true);
    }

    /** Aborts the whole transaction (all levels) and ends this level. */
    public void abort() {
        end(false);
    }

    /** Aborts unless this level was already committed or aborted. */
    @Override
    public void close() {
        if (state == State.ACTIVE) {
            end(false);
        }
    }

    @Override
    public LmdbStore store() {
        return store;
    }

    /** The shared transaction state, after checking this level is active and on its thread. */
    WriteContext context() {
        if (state != State.ACTIVE) {
            throw StoreErrors.notInTransaction("write transaction is " + state.name().toLowerCase());
        }
        context.checkUsable();
        return context;
    }

    @Override
    org.lmdbjava.Txn<ByteBuffer> lmdb() {
        return context().lmdb();
    }

    @Override
    SharedEnv env() {
        return context.env();
    }

    @Override
    int storeId(KeyStore ks) {
        checkSameEnv(ks);
        return context().state(ks).id;
    }

    @Override
    long lastSequence(KeyStore ks) {
        checkSameEnv(ks);
        return context().state(ks).lastSequence;
    }

    @Override
    long count(KeyStore ks) {
        checkSameEnv(ks);
        return context().state(ks).count;
    }

    @Override
    int epoch() {
        return context.epoch();
    }

    @Override
    void register(RecordCursor cursor) {
        context.register(cursor);
    }

    @Override
    void unregister(RecordCursor cursor) {
        context.unregister(cursor);
    }

    private void end(boolean commit) {
        if (state != State.ACTIVE) {
            throw StoreErrors.notInTransaction("write transaction already " + state.name().toLowerCase());
        }
        context.checkOwner();
        moveTo(commit ? State.COMMITTED : State.ABORTED);
        try {
            context.end(commit);
        } catch (RuntimeException e) {
            if (state != State.ABORTED) {
                moveTo(State.ABORTED);
            }
            throw e;
        } finally {
            store.txnEnded();
        }
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("WriteTxn: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
