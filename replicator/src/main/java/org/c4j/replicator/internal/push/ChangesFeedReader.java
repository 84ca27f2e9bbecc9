package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Document;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.internal.core.OwnInserts;
import org.c4j.replicator.internal.core.ReplContext;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.SubChanges;
import org.c4j.socket.OptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pusher's view of a collection's changes feed (LiteCore's {@code ChangesFeed}): reads the documents changed
 * after the last sequence read, in batches, and keeps the ones to offer: in the docIDs list (if any), not deleted
 * while {@code skipDeleted} applies (only to the backlog, not to changes made later), accepted by the push filter,
 * and for an active push not already on the peer (the revision the peer has comes from the document's remote
 * marker and is offered as the proposal's parent).
 *
 * <p>Not thread-safe: owned by the pusher's executor. Reads the database synchronously.
 */
public final class ChangesFeedReader {
    private static final Logger LOG = LoggerFactory.getLogger(ChangesFeedReader.class);

    /**
     * One batch: the revisions to offer, the sequences read but not offered (already on the peer, filtered out,
     * superseded), the last sequence read, and whether the read was full (so the feed may have more right now).
     */
    record Batch(List<RevToSend> revs, List<Long> skipped, long lastSequence, boolean full) {
    }

    private final DbAccess db;
    private final ReplicationFilter pushFilter;
    /** Active push: the peer's remote ID for remote markers; -1 for a passive push (no markers consulted). */
    private final int remoteId;
    /** Remote markers written but maybe not committed yet (active push), or null. */
    private RemoteMarks marks;
    /** Passive push: revisions the lane's puller inserted, which the peer sent us (not offered back), or null. */
    private OwnInserts ownInserts;
    private Set<String> docIds;
    private final boolean skipDeleted;
    private long lastSequence;
    private boolean caughtUp;
    /** Body bytes of the documents kept for revisions not yet sent ({@link #takeSnapshot}). */
    private long snapshotBytes;

    ChangesFeedReader(DbAccess db, ReplicationFilter pushFilter, int remoteId, List<String> docIds,
                      boolean skipDeleted) {
        this.db = db;
        this.pushFilter = pushFilter;
        this.remoteId = remoteId;
        this.skipDeleted = skipDeleted;
        restrictToDocIds(docIds);
    }

    /** An active push's feed: the push filter, docIDs and skipDeleted options, remote markers (also uncommitted). */
    static ChangesFeedReader active(DbAccess db, ReplContext ctx, RemoteMarks marks) {
        ChangesFeedReader feed = new ChangesFeedReader(db, ctx.hooks().pushFilter(), ctx.remoteId(),
                ctx.options().getStringList(OptionKeys.DOC_IDS), ctx.options().getBool(OptionKeys.SKIP_DELETED, false));
        feed.marks = marks;
        return feed;
    }

    /** The feed serving a peer's pull ({@code sub}): its filter, docIDs and activeOnly; not the lane's own inserts. */
    static ChangesFeedReader passive(DbAccess db, ReplContext ctx, ReplicationFilter filter, SubChanges sub) {
        ChangesFeedReader feed = new ChangesFeedReader(db, filter, -1, ctx.options().getStringList(OptionKeys.DOC_IDS),
                sub.activeOnly());
        feed.restrictToDocIds(sub.docIds());
        feed.ownInserts = ctx.ownInserts();
        return feed;
    }

    /** Limits the feed to these documents (intersected with any earlier list); null or empty changes nothing. */
    void restrictToDocIds(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        Set<String> combined = new HashSet<>();
        for (String id : ids) {
            if (id != null && !id.isEmpty() && (docIds == null || docIds.contains(id))) {
                combined.add(id);
            }
        }
        docIds = combined;
    }

    /** Starts reading after {@code since}. */
    void start(long since) {
        lastSequence = since;
        caughtUp = false;
    }

    /** True once a read returned less than a full batch: the backlog is done. */
    boolean caughtUp() {
        return caughtUp;
    }

    /**
     * Reads up to {@code limit} changed documents after the last sequence read. An active push or a filter needs
     * the documents (remote markers, bodies): they are read whole with the feed, in its transaction, and an active
     * push keeps them for its {@code rev} messages (within {@link ReplTuning#MAX_SNAPSHOT_BYTES}).
     */
    Batch next(int limit) {
        ChangesOptions options = new ChangesOptions(false, !(!caughtUp && skipDeleted), limit);
        List<RevToSend> revs = new ArrayList<>();
        List<Long> skipped = new ArrayList<>(0);
        int read;
        if (remoteId >= 0 || pushFilter != null) {
            List<Document> docs = db.changedDocuments(lastSequence, options);
            read = docs.size();
            for (Document d : docs) {
                RevToSend rev = new RevToSend(d.id(), d.revId(), d.sequence(), d.isDeleted(), d.body().encodedSize());
                keep(rev, accept(d.id(), d.revId()) && accept(rev, d) ? revs : null, d, skipped);
            }
        } else {
            List<Change> changes = db.changes(lastSequence, options.withBodies(true)); // for their sizes
            read = changes.size();
            for (Change c : changes) {
                keep(new RevToSend(c.docId(), c.revId(), c.sequence(), c.deleted(), c.bodySize()),
                        accept(c.docId(), c.revId()) ? revs : null, null, skipped);
            }
        }
        boolean full = read == limit;
        if (!full) {
            caughtUp = true;
        }
        return new Batch(revs, skipped, lastSequence, full);
    }

    /** Adds an accepted revision to {@code revs} (keeping its document if there's room), else skips its sequence. */
    private void keep(RevToSend rev, List<RevToSend> revs, Document doc, List<Long> skipped) {
        lastSequence = Math.max(lastSequence, rev.sequence);
        if (revs == null) {
            skipped.add(rev.sequence);
            return;
        }
        revs.add(rev);
        if (doc != null && remoteId >= 0 && snapshotBytes + rev.bodySize <= ReplTuning.MAX_SNAPSHOT_BYTES) {
            rev.snapshot = doc;
            snapshotBytes += rev.bodySize;
        }
    }

    /**
     * The peer answered a change list offering {@code revs}: drops the documents kept for them that changed since
     * the feed read them (saved again, deleted or purged: their sequence differs), so those are read again when
     * sent. One read of the documents' metadata for the whole list.
     */
    void checkSnapshots(List<RevToSend> revs) {
        List<RevToSend> kept = new ArrayList<>(revs.size());
        List<String> ids = new ArrayList<>(revs.size());
        for (RevToSend rev : revs) {
            if (rev.snapshot != null) {
                kept.add(rev);
                ids.add(rev.docId);
            }
        }
        if (kept.isEmpty()) {
            return;
        }
        List<Change> now = db.currentRevisions(ids);
        for (int i = 0; i < ids.size(); i++) {
            if (now.get(i) == null || now.get(i).sequence() != kept.get(i).snapshot.sequence()) {
                takeSnapshot(kept.get(i));
            }
        }
    }

    /** The document the feed kept for {@code rev} (null if none), which is no longer kept. */
    Document takeSnapshot(RevToSend rev) {
        Document doc = rev.snapshot;
        if (doc != null) {
            rev.snapshot = null;
            snapshotBytes -= rev.bodySize;
        }
        return doc;
    }

    /**
     * Re-checks a revision that waited for an earlier one of its document (LiteCore's {@code shouldPushRev}):
     * still current, still passing the filter, not already on the peer.
     */
    boolean stillWanted(RevToSend rev) {
        if (!accept(rev.docId, rev.revId)) {
            return false;
        }
        boolean needRemote = remoteId >= 0 && rev.remoteAncestorRevId == null;
        return (!needRemote && pushFilter == null) || accept(rev, db.get(rev.docId));
    }

    /** The checks that need only the IDs: in the docIDs list, not the peer's own revision coming back. */
    private boolean accept(String docId, String revId) {
        if (docIds != null && !docIds.contains(docId)) {
            return false;
        }
        return ownInserts == null || !ownInserts.consume(docId, revId); // else the peer sent us this very revision
    }

    /** The remote-marker and filter checks, on {@code doc} read now. */
    private boolean accept(RevToSend rev, Document doc) {
        if (doc == null || !doc.revId().equals(rev.revId)) {
            return false; // purged, or a newer revision exists: the feed brings that one later
        }
        if (remoteId >= 0 && rev.remoteAncestorRevId == null && !takeRemoteAncestor(rev, doc)) {
            return false;
        }
        if (pushFilter != null) {
            if (!pushFilter.test(db.spec(), rev.docId, rev.revId, rev.deleted, doc.body())) {
                LOG.debug("push filter rejected {}", rev);
                return false;
            }
        }
        return true;
    }

    /** Sets the proposal's parent from the remote marker; false if the peer already has this or a newer one. */
    private boolean takeRemoteAncestor(RevToSend rev, Document doc) {
        String uncommitted = marks == null ? null : marks.uncommitted(rev.docId);
        String remote = uncommitted != null ? uncommitted : doc.remoteRevId(remoteId);
        if (remote == null) {
            return true;
        }
        if (remote.equals(rev.revId)) {
            return false; // the peer has it already
        }
        if (DbAccess.generation(remote) >= DbAccess.generation(rev.revId)) {
            // The peer has a newer revision: this one would conflict. LiteCore leaves it to the puller (or, when not
            // pulling, fails it with 409 "conflicts with newer server revision").
            LOG.info("not proposing {}: the peer has newer revision {}", rev, remote);
            return false;
        }
        rev.remoteAncestorRevId = remote;
        return true;
    }
}
