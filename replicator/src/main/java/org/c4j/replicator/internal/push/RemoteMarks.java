package org.c4j.replicator.internal.push;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.C4Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records which revision the peer has of each document it acknowledged (the remote marker the next proposal builds
 * on), in batches like LiteCore's {@code DBAccess::markRevSynced}: marks collect until the pusher's executor gets
 * to a flush task queued behind the replies being handled, then all are written in one transaction.
 *
 * <p>Not thread-safe: confined to the pusher's executor, which the flush task runs on.
 */
public final class RemoteMarks {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteMarks.class);

    private final DbAccess db;
    private final int remoteId;
    private final Executor executor;
    private final Map<String, String> pending = new LinkedHashMap<>();
    private boolean flushQueued;

    RemoteMarks(DbAccess db, int remoteId, Executor executor) {
        this.db = db;
        this.remoteId = remoteId;
        this.executor = executor;
    }

    /** The peer now has {@code revId} of the document. */
    void add(String docId, String revId) {
        pending.put(docId, revId);
        if (!flushQueued) {
            flushQueued = true;
            executor.execute(this::flush);
        }
    }

    /** Writes the marks collected so far. A failure is logged: a missing mark only costs a redundant proposal. */
    void flush() {
        flushQueued = false;
        if (pending.isEmpty()) {
            return;
        }
        try {
            db.inBatch(() -> pending.forEach(this::mark));
        } catch (C4Exception e) {
            LOG.warn("could not record {} remote revisions of {}", pending.size(), db.spec(), e);
        }
        pending.clear();
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
