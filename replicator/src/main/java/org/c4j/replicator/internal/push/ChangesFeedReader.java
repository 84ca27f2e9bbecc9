package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Document;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.internal.core.OwnInserts;
import org.c4j.replicator.internal.db.DbAccess;
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

    ChangesFeedReader(DbAccess db, ReplicationFilter pushFilter, int remoteId, List<String> docIds,
                      boolean skipDeleted) {
        this.db = db;
        this.pushFilter = pushFilter;
        this.remoteId = remoteId;
        this.skipDeleted = skipDeleted;
        restrictToDocIds(docIds);
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

    /** Reads up to {@code limit} changed documents after the last sequence read. */
    Batch next(int limit) {
        boolean backlog = !caughtUp;
        List<Change> changes = db.changes(lastSequence,
                new ChangesOptions(true, !(backlog && skipDeleted), limit));
        List<RevToSend> revs = new ArrayList<>(changes.size());
        List<Long> skipped = new ArrayList<>(0);
        for (Change c : changes) {
            lastSequence = Math.max(lastSequence, c.sequence());
            RevToSend rev = new RevToSend(c.docId(), c.revId(), c.sequence(), c.deleted(), c.bodySize());
            if (accept(rev, c.body())) {
                revs.add(rev);
            } else {
                skipped.add(c.sequence());
            }
        }
        boolean full = changes.size() == limit;
        if (!full) {
            caughtUp = true;
        }
        return new Batch(revs, skipped, lastSequence, full);
    }

    /**
     * Re-checks a revision that waited for an earlier one of its document (LiteCore's {@code shouldPushRev}):
     * still current, still passing the filter, not already on the peer.
     */
    boolean stillWanted(RevToSend rev) {
        return accept(rev, null);
    }

    private boolean accept(RevToSend rev, Body body) {
        if (docIds != null && !docIds.contains(rev.docId)) {
            return false;
        }
        if (ownInserts != null && ownInserts.consume(rev.docId, rev.revId)) {
            return false; // the peer sent us this very revision
        }
        boolean needRemote = remoteId >= 0 && rev.remoteAncestorRevId == null;
        if (!needRemote && pushFilter == null) {
            return true;
        }
        Document doc = db.get(rev.docId);
        if (doc == null || !doc.revId().equals(rev.revId)) {
            return false; // purged, or a newer revision exists: the feed brings that one later
        }
        if (needRemote && !takeRemoteAncestor(rev, doc)) {
            return false;
        }
        if (pushFilter != null) {
            Body b = body != null ? body : doc.body();
            if (!pushFilter.test(db.spec(), rev.docId, rev.revId, rev.deleted, b)) {
                LOG.debug("push filter rejected {}", rev);
                return false;
            }
        }
        return true;
    }

    /** Passive push: doesn't offer the revisions {@code own} says the lane's puller inserted (null: offers all). */
    void skipOwnInserts(OwnInserts own) {
        this.ownInserts = own;
    }

    /** Makes the remote markers not yet committed by {@code marks} count as the documents' markers. */
    void consultUncommittedMarks(RemoteMarks marks) {
        this.marks = marks;
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
