package org.c4j.replicator.internal.pull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.c4j.InsertResult;
import org.c4j.replicator.internal.core.OwnInserts;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pulled revisions to the database in batches, pipelined: a revision that arrives while the inserter is idle
 * is inserted at once (its own transaction), and revisions that arrive while a transaction is being written (a
 * durable commit waits for the disk) queue up and all go into the next one, started as soon as that commit is done.
 * So a trickle of revisions (continuous mode) is stored with one commit's latency, while a stream of them forms
 * batches as large as the commits are slow. (LiteCore's {@code Inserter} instead waits up to its insertion delay,
 * 20 ms, for a batch of 100 to fill.) Only after a transaction commits does the completion callback get its batch,
 * each revision carrying its document or its own error (one revision failing does not fail the others; a failed
 * commit fails every revision of the batch) — so whoever replies to the peer replies only for durable revisions.
 *
 * <p>Thread-safe: {@link #insert} may be called from any thread; inserts run on the inserter's own serial executor
 * and the callback is called there.
 */
public final class Inserter {
    private static final Logger LOG = LoggerFactory.getLogger(Inserter.class);

    /** Transitions only in {@link #moveTo}. */
    enum State {
        OPEN, CLOSED;

        boolean canMoveTo(State next) {
            return this == OPEN && next == CLOSED;
        }
    }

    private final DbAccess db;
    private final int remoteId;
    private final boolean noIncomingConflicts;
    private final Executor executor;
    private final Consumer<List<IncomingRev>> done;
    /** Gets each batch once inserted, inside its transaction, before the commit. */
    private final Consumer<List<IncomingRev>> inserted;
    /** Where inserted revisions are recorded for the lane's pusher not to echo them (null: nowhere). */
    private final OwnInserts ownInserts;
    private final List<IncomingRev> queue = new ArrayList<>(); // guarded by this
    /** A transaction is scheduled or being written; what arrives meanwhile waits for the next. Guarded by this. */
    private boolean busy;
    private State state = State.OPEN; // guarded by this

    /**
     * @param executor            serial executor the transactions run on
     * @param noIncomingConflicts refuse every revision that would create a conflict, not only those the sender
     *                            marked {@code noconflicts}
     * @param ownInserts          records each inserted revision (inside its transaction), or null
     * @param inserted            gets each batch once its revisions are inserted, before the commit (inside the
     *                            transaction, on {@code executor}; it must not block): they no longer need their
     *                            slot among the revisions being prepared, but are not durable yet
     * @param done                gets each committed (or failed) batch, on {@code executor}
     */
    Inserter(DbAccess db, int remoteId, boolean noIncomingConflicts, Executor executor, OwnInserts ownInserts,
             Consumer<List<IncomingRev>> inserted, Consumer<List<IncomingRev>> done) {
        this.inserted = inserted;
        this.db = db;
        this.remoteId = remoteId;
        this.noIncomingConflicts = noIncomingConflicts;
        this.executor = executor;
        this.done = done;
        this.ownInserts = ownInserts;
    }

    /** Queues a revision whose body is parsed and whose blobs are all stored. Ignored once closed. */
    void insert(IncomingRev rev) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            queue.add(rev);
            if (busy) {
                return; // goes into the transaction after the current one
            }
            busy = true;
        }
        executor.execute(this::flush);
    }

    /** Drops queued revisions; a batch already being inserted finishes. Idempotent. */
    synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        moveTo(State.CLOSED);
        queue.clear();
    }

    /** Caller holds this. */
    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Inserter: bad transition " + state + " -> " + next);
        }
        state = next;
    }

    /** Inserts everything queued in one transaction, then starts the next one if more arrived meanwhile. */
    private void flush() {
        List<IncomingRev> batch;
        synchronized (this) {
            if (state == State.CLOSED || queue.isEmpty()) {
                busy = false;
                return;
            }
            batch = new ArrayList<>(queue);
            queue.clear();
        }
        try {
            db.inBatch(() -> {
                batch.forEach(this::insertNow);
                inserted.accept(batch);
            });
        } catch (C4Exception e) {
            failAll(batch, e);
        } catch (RuntimeException e) {
            LOG.error("Inserting {} pulled revisions failed", batch.size(), e);
            failAll(batch, new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR,
                    "inserting pulled revisions failed: " + e, e));
        }
        done.accept(batch);
        synchronized (this) {
            if (state == State.CLOSED || queue.isEmpty()) {
                busy = false;
                return;
            }
        }
        executor.execute(this::flush);
    }

    /** Inserts one revision inside the batch's transaction; its failure (before writing) leaves the batch intact. */
    private void insertNow(IncomingRev rev) {
        try {
            if (rev.isPurge()) {
                db.purge(rev.rev.docId());
                rev.document = null;
            } else {
                boolean allowConflict = !(rev.rev.noConflicts() || noIncomingConflicts);
                InsertResult r = db.insertExisting(rev.insertRequest(allowConflict, remoteId));
                rev.document = r.document();
                if (ownInserts != null) {
                    ownInserts.inserted(rev.rev.docId(), rev.rev.revId());
                }
                if (rev.access != null) {
                    rev.access.accept(r.document());
                }
            }
        } catch (C4Exception e) {
            LOG.warn("Failed to insert '{}' #{}: {}", rev.rev.docId(), rev.rev.revId(), e.getMessage());
            rev.error = e;
        }
    }

    private static void failAll(List<IncomingRev> batch, C4Exception e) {
        LOG.warn("Transaction inserting {} pulled revisions failed: {}", batch.size(), e.getMessage());
        for (IncomingRev rev : batch) {
            if (rev.error == null) {
                rev.error = e;
                rev.document = null;
            }
        }
    }
}
