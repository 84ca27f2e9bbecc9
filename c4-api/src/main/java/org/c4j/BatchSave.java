package org.c4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

import org.c4j.internal.Tuning;
import org.c4j.internal.db.SaveHelpers;
import org.c4j.internal.db.Validation;
import org.c4j.internal.db.WriteScope;
import org.c4j.storage.WriteTxn;

/**
 * One {@link Collection#saveAll}: the requests are prepared — the body parsed and checked and, for a request
 * without parent, the new document's revision tree made and encoded as if the document did not exist — by
 * {@link SaveHelpers} threads and by the saving thread, while the saving thread stores the prepared ones in list
 * order in its write transaction(s). Preparing runs at most one transaction ahead, so a helper prepares the next
 * transaction's documents while the saver commits. A request whose document turns out to exist (or that has a
 * parent) is saved by the single-save path with its prepared body, so every outcome, sequence and revision ID is
 * the one {@link Collection#save} gives one by one; preparing is pure (nothing read or written), so a document
 * prepared twice gives the same result.
 *
 * <p>Work sharing: preparers claim chunks of {@link Tuning#SAVE_CHUNK_DOCS} (one atomic claim each), and the
 * documents of a chunk one by one. The saver, needing a document a helper has not published yet, prepares a chunk
 * nobody has claimed; if there is none, it waits {@link Tuning#SAVE_STEAL_NANOS} and then takes the chunk's
 * unclaimed documents itself, or prepares the awaited one again — so a helper the OS has descheduled never
 * stalls the saver.
 *
 * <p>Threads: the saving thread owns the transactions; preparers only publish into {@link #prepared}
 * (first publication wins; the saver reads through the same array). Not reusable.
 */
final class BatchSave {
    /** How long a helper at the claim limit parks at most before looking again. */
    private static final long WAIT_NANOS = 1_000_000;
    private static final int SIZE = Tuning.SAVE_CHUNK_DOCS;

    /** What preparing one request gave: the body, for a request without parent the new tree, or the failure. */
    private static final class Prepared {
        Body body;
        DocStore.NewDoc newDoc;
        Throwable error;
    }

    /** Left in a slot once its document is stored: a late publication of the same document is refused. */
    private static final Prepared USED = new Prepared();

    private final List<SaveRequest> requests;
    private final int maxDepth;
    private final int chunks;
    private final AtomicReferenceArray<Prepared> prepared;
    /** Per chunk: how many of its documents were claimed (past the chunk's size: all). */
    private final AtomicIntegerArray claimedInChunk;
    /** The next chunk nobody has claimed. */
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final Queue<Thread> helpers = new ConcurrentLinkedQueue<>();
    /** Chunks from this index on may not be claimed yet: preparing runs at most one transaction ahead. */
    private volatile int claimLimit;
    private volatile boolean finished;

    private BatchSave(List<SaveRequest> requests, int maxDepth) {
        this.requests = requests;
        this.maxDepth = maxDepth;
        this.chunks = (requests.size() + SIZE - 1) / SIZE;
        this.prepared = new AtomicReferenceArray<>(requests.size());
        this.claimedInChunk = new AtomicIntegerArray(chunks);
    }

    /**
     * Saves {@code requests} in consecutive transactions of {@code perTransaction} (each joins the caller's
     * transaction if it has one); while one transaction is stored and committed, the next one's documents are
     * prepared. Returns once the last transaction has committed, with the saved documents if {@code collect}.
     */
    static List<Document> run(Database db, DocStore store, List<SaveRequest> requests, int perTransaction,
                              boolean collect) {
        BatchSave b = new BatchSave(List.copyOf(requests), db.config().maxRevTreeDepth());
        int n = b.requests.size();
        List<Document> out = collect ? new ArrayList<>(n) : null;
        if (n == 0) {
            return out;
        }
        int helpers = Math.min(SaveHelpers.count(), b.chunks - 1);
        try {
            for (int from = 0; from < n; from += perTransaction) {
                int start = from;
                int end = (int) Math.min(n, (long) from + perTransaction);
                b.allowUpTo((int) Math.min(n, (long) end + perTransaction));
                if (from == 0) {
                    for (int i = 0; i < helpers; i++) {
                        SaveHelpers.submit(b::help);
                    }
                }
                db.write((txn, p) -> {
                    b.store(txn, p, store, start, end, out);
                    return null;
                });
            }
        } finally {
            b.finished = true; // helpers still queued or working stop at their next document
            b.helpers.forEach(LockSupport::unpark);
        }
        return out;
    }

    /** Lets preparers claim the chunks holding documents before {@code docLimit}, and wakes waiting helpers. */
    private void allowUpTo(int docLimit) {
        claimLimit = (docLimit + SIZE - 1) / SIZE;
        helpers.forEach(LockSupport::unpark);
    }

    /** Stores requests {@code from..to-1} in {@code txn}, adding the documents to {@code out} unless it is null. */
    private void store(WriteTxn txn, WriteScope.Pending p, DocStore store, int from, int to, List<Document> out) {
        for (int i = from; i < to; i++) {
            Prepared pr = await(i);
            prepared.set(i, USED);
            rethrow(pr.error);
            SaveRequest rq = requests.get(i);
            Document d = pr.newDoc == null ? null : store.insertNew(txn, p, rq.docId(), pr.newDoc);
            if (d == null) {
                d = store.putNew(txn, p, store.load(txn, p, rq.docId()), rq.parentRevId(), pr.body, false);
            }
            if (out != null) {
                out.add(d);
            }
        }
    }

    /** Document {@code i} prepared: by a helper, or by this (the saving) thread meanwhile or instead. */
    private Prepared await(int i) {
        long waitingSince = 0;
        while (true) {
            Prepared pr = prepared.get(i);
            if (pr != null) {
                return pr;
            }
            int c = claimChunk();
            if (c >= 0) {
                prepareChunk(c);
                continue;
            }
            if (waitingSince == 0) {
                waitingSince = System.nanoTime();
            } else if (System.nanoTime() - waitingSince > Tuning.SAVE_STEAL_NANOS) {
                if (!prepareOne(i / SIZE)) { // the helper holds document i itself: make it here too
                    publish(i, prepare(requests.get(i)));
                }
                continue;
            }
            Thread.onSpinWait();
        }
    }

    /** Claims the next chunk if there is one below the limit; -1 if not. */
    private int claimChunk() {
        while (true) {
            int c = nextChunk.get();
            if (c >= chunks || c >= claimLimit) {
                return -1;
            }
            if (nextChunk.compareAndSet(c, c + 1)) {
                return c;
            }
        }
    }

    /** A helper's task: prepares claimable chunks until none is left, waiting at the limit for the saver. */
    private void help() {
        helpers.add(Thread.currentThread());
        try {
            while (!finished) {
                int c = claimChunk();
                if (c >= 0) {
                    prepareChunk(c);
                } else if (nextChunk.get() >= chunks) {
                    return;
                } else {
                    LockSupport.parkNanos(this, WAIT_NANOS); // the saver unparks us when it raises the limit
                }
            }
        } finally {
            helpers.remove(Thread.currentThread());
        }
    }

    private void prepareChunk(int c) {
        while (!finished && prepareOne(c)) {
            // one document at a time, so the saver can take the rest
        }
    }

    /** Claims and prepares the next unclaimed document of chunk {@code c}; false if none is left. */
    private boolean prepareOne(int c) {
        int base = c * SIZE;
        int k = claimedInChunk.getAndIncrement(c);
        if (k >= Math.min(SIZE, requests.size() - base)) {
            return false;
        }
        publish(base + k, prepare(requests.get(base + k)));
        return true;
    }

    private void publish(int i, Prepared pr) {
        prepared.compareAndSet(i, null, pr);
    }

    /** The single save's checks in its order (the body's parse first, as the caller's Body.fromJson would be). */
    private Prepared prepare(SaveRequest rq) {
        Prepared pr = new Prepared();
        try {
            Body body = rq.body();
            Validation.checkDocId(rq.docId());
            Validation.checkBody(body.bytes(), body.knownFreeOfReservedKeys());
            pr.body = body;
        } catch (Throwable t) {
            pr.error = t;
            return pr;
        }
        if (rq.parentRevId() == null) {
            pr.newDoc = DocStore.prepareNew(pr.body, maxDepth);
        }
        return pr;
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }
}
