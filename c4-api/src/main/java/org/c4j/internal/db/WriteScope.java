package org.c4j.internal.db;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.c4j.CollectionSpec;
import org.c4j.DocumentChange;
import org.c4j.socket.C4Exception;
import org.c4j.storage.LmdbStore;
import org.c4j.storage.WriteTxn;

/**
 * Write transactions of one database handle, nestable on a thread (an operation inside
 * {@code Database.inBatch} joins the batch's transaction). It collects the changes made in the outermost
 * transaction and hands them to {@code afterCommit} once that commits.
 *
 * <p>An operation that fails with a {@link C4Exception} before writing anything (bad input, conflict) ends its
 * level without harming the enclosing transaction; a failure after a write, or any other exception, aborts the
 * whole transaction.
 *
 * <p>Thread-safe; each thread has its own transaction context.
 */
public final class WriteScope {
    /** Work done inside a transaction. */
    public interface Work<T> {
        T run(WriteTxn txn, Pending pending);
    }

    /** Changes made in the current outermost transaction. Confined to the writing thread. */
    public static final class Pending {
        private final Map<CollectionSpec, List<DocumentChange>> local = new LinkedHashMap<>();
        private final Map<CollectionSpec, List<DocumentChange>> external = new LinkedHashMap<>();
        private final Set<CollectionSpec> verified = new HashSet<>();
        private WriteTxn txn;
        private int writes;
        private long earliestExpiration;

        /** True if the collection's existence was checked in this transaction already. */
        public boolean verified(CollectionSpec spec) {
            return verified.contains(spec);
        }

        public void markVerified(CollectionSpec spec) {
            verified.add(spec);
        }

        /** Call before each write to storage, so a failure after it aborts the transaction. */
        public void willWrite() {
            writes++;
        }

        public void add(CollectionSpec spec, DocumentChange change, boolean isExternal) {
            (isExternal ? external : local).computeIfAbsent(spec, k -> new ArrayList<>()).add(change);
        }

        public void expirationSet(long epochMillis) {
            if (epochMillis > 0 && (earliestExpiration == 0 || epochMillis < earliestExpiration)) {
                earliestExpiration = epochMillis;
            }
        }

        public Map<CollectionSpec, List<DocumentChange>> localChanges() {
            return local;
        }

        public Map<CollectionSpec, List<DocumentChange>> externalChanges() {
            return external;
        }

        /** The earliest expiration set in the transaction, 0 if none. */
        public long earliestExpiration() {
            return earliestExpiration;
        }
    }

    private final LmdbStore store;
    private final Consumer<Pending> afterCommit;
    private final ThreadLocal<Pending> current = new ThreadLocal<>();

    public WriteScope(LmdbStore store, Consumer<Pending> afterCommit) {
        this.store = store;
        this.afterCommit = afterCommit;
    }

    /** True if the calling thread is inside a write transaction of this handle. */
    public boolean inTransaction() {
        return current.get() != null;
    }

    /** The calling thread's write transaction on this handle (reads through it see its writes), or null. */
    public WriteTxn currentTxn() {
        Pending p = current.get();
        return p == null ? null : p.txn;
    }

    public <T> T run(Work<T> work) {
        Pending p = current.get();
        boolean outer = p == null;
        if (outer) {
            p = new Pending();
            current.set(p);
        }
        try {
            WriteTxn txn = store.beginWrite();
            if (outer) {
                p.txn = txn;
            }
            int writesBefore = p.writes;
            T result;
            try {
                result = work.run(txn, p);
            } catch (C4Exception e) {
                if (p.writes == writesBefore) {
                    txn.commit(); // nothing written at this level: keep the enclosing transaction usable
                } else {
                    txn.abort();
                }
                throw e;
            } catch (RuntimeException | Error e) {
                txn.abort();
                throw e;
            }
            txn.commit();
            if (outer) {
                current.remove();
                afterCommit.accept(p);
            }
            return result;
        } finally {
            if (outer) {
                current.remove();
            }
        }
    }
}
