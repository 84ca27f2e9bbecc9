package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.C4Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records which revision the peer has of each document it acknowledged (the remote marker the next proposal builds
 * on), in batches like LiteCore's {@code DBAccess::markRevSynced}: marks collect until {@link
 * ReplTuning#REMOTE_MARKS_BATCH} of them are pending or the pusher flushes them (when it has nothing else in
 * progress, and when it stops), then all are written in one transaction — on a writer executor of their own, so
 * the pusher never waits for that commit (a durable one syncs the disk). A commit takes every batch flushed until it
 * starts, so batches grow while the disk is slow instead of queueing one sync each. Until a mark is committed,
 * {@link #uncommitted} answers for it, which is what the changes feed consults.
 *
 * <p>Not thread-safe: confined to the pusher's executor, except the commits, which run on the writer executor with
 * the batches handed over (through a concurrent queue) and report back through the pusher's executor.
 */
public final class RemoteMarks {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMarks.class);

    private final DbAccess db;
    private final int remoteId;
    private final Executor executor;
    private final Executor writer;
    private Map<String, String> pending = new LinkedHashMap<>();
    /** Marks handed to the writer and not yet known to be committed. */
    private final Map<String, String> writing = new HashMap<>();
    private CompletableFuture<Void> lastWrite = CompletableFuture.completedFuture(null);

    /** A flushed batch on its way to the writer, and what completes once it is committed. */
    private record Batch(Map<String, String> marks, CompletableFuture<Void> committed) {
    }

    private final ConcurrentLinkedQueue<Batch> handedOver = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean commitQueued = new AtomicBoolean();

    /**
     * @param executor the pusher's executor
     * @param writer   a serial executor for the commits
     */
    RemoteMarks(DbAccess db, int remoteId, Executor executor, Executor writer) {
        this.db = db;
        this.remoteId = remoteId;
        this.executor = executor;
        this.writer = writer;
    }

    /** The peer now has {@code revId} of the document; a full batch is handed to the writer at once. */
    void add(String docId, String revId) {
        pending.put(docId, revId);
        if (pending.size() >= ReplTuning.REMOTE_MARKS_BATCH) {
            flush();
        }
    }

    /** The peer's revision of the document according to a mark not yet committed, or null. */
    String uncommitted(String docId) {
        String revId = pending.get(docId);
        return revId != null ? revId : writing.get(docId);
    }

    /** Hands the marks collected so far to the writer; does not wait for them to be committed. */
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, String> marks = pending;
        pending = new LinkedHashMap<>();
        writing.putAll(marks);
        lastWrite = new CompletableFuture<>();
        handedOver.add(new Batch(marks, lastWrite));
        if (commitQueued.compareAndSet(false, true)) {
            writer.execute(this::commit);
        }
    }

    /** On the writer: commits every batch handed over so far, in one transaction. */
    private void commit() {
        commitQueued.set(false);
        List<Batch> batches = new ArrayList<>();
        for (Batch b; (b = handedOver.poll()) != null; ) {
            batches.add(b);
        }
        if (batches.isEmpty()) {
            return;
        }
        Map<String, String> all = new LinkedHashMap<>();
        batches.forEach(b -> all.putAll(b.marks()));
        try {
            write(all);
        } finally {
            batches.forEach(b -> b.committed().complete(null));
            executor.execute(() -> batches.forEach(b -> b.marks().forEach(writing::remove))); // if not replaced since
        }
    }

    /** Runs {@code then} (on the writer's thread, or at once) when every mark flushed so far is committed. */
    void whenCommitted(Runnable then) {
        lastWrite.whenComplete((v, e) -> then.run());
    }

    /** On the writer: one transaction for the batch. A failure is logged: a missing mark costs a redundant proposal. */
    private void write(Map<String, String> batch) {
        try {
            db.inBatch(() -> batch.forEach(this::mark));
        } catch (C4Exception e) {
            LOG.warn("could not record {} remote revisions of {}", batch.size(), db.spec(), e);
        }
    }

    private void mark(String docId, String revId) {
        try {
            db.setRemoteRevId(docId, remoteId, revId);
        } catch (C4Exception e) {
            // Purged, or the revision was pruned meanwhile: nothing to record.
            LOG.debug("no remote mark for '{}' {}: {}", docId, revId, e.getMessage());
        }
    }
}
