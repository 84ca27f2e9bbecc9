package org.c4j.storage;

import java.nio.ByteBuffer;
import org.c4j.storage.internal.StoreErrors;

/**
 * A transaction on an {@link LmdbStore}: either a {@link ReadTxn} (a snapshot) or a {@link WriteTxn} (which also
 * reads its own writes). {@link KeyStore} read methods accept both.
 */
public abstract sealed class Txn implements AutoCloseable permits ReadTxn, WriteTxn {
    Txn() {
    }

    /** The store handle this transaction was begun on. */
    public abstract LmdbStore store();

    /** Ends the transaction: a read transaction is released, an uncommitted write transaction is aborted. */
    @Override
    public abstract void close();

    /** The LMDB transaction, after checking this one may be used now by the calling thread. */
    abstract org.lmdbjava.Txn<ByteBuffer> lmdb();

    /** The environment this transaction belongs to. */
    abstract SharedEnv env();

    /** Id of {@code ks}'s data as this transaction sees it; 0 if the key store does not exist. */
    abstract int storeId(KeyStore ks);

    /** Last sequence of {@code ks} as this transaction sees it. */
    abstract long lastSequence(KeyStore ks);

    /** Record count of {@code ks} as this transaction sees it. */
    abstract long count(KeyStore ks);

    /** Changes whenever the underlying LMDB transaction is replaced (after a map resize); cursors re-seek. */
    abstract int epoch();

    abstract void register(RecordCursor cursor);

    abstract void unregister(RecordCursor cursor);

    /** Checks {@code ks} belongs to this transaction's environment. */
    final void checkSameEnv(KeyStore ks) {
        if (ks.env() != env()) {
            throw StoreErrors.invalid("key store '" + ks.name() + "' belongs to another database");
        }
    }
}
