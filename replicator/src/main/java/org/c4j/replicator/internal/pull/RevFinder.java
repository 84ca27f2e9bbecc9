package org.c4j.replicator.internal.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.c4j.Change;
import org.c4j.Document;
import org.c4j.Revision;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.db.DeltaBases;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.replicator.internal.wire.ChangeReply;
import org.c4j.replicator.internal.wire.ProposalReply;
import org.c4j.replicator.internal.wire.ProposedChange;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, against the local collection, which offered revisions the puller wants, after LiteCore's
 * {@code RevFinder} and {@code TreeDocumentFactory::findAncestors}:
 * <ul>
 *   <li>{@code changes} entry: a revision already in the document's tree is not wanted (if the peer isn't yet
 *       recorded as having it, it is recorded now, so it isn't pushed back). An unknown revision is wanted, with
 *       the document's revisions of lower generation as known ancestors (at most
 *       {@link ReplTuning#MAX_POSSIBLE_ANCESTORS}, current first); with delta sync on, only those whose body is here
 *       (tree or kept previous body: LiteCore's {@code requireBodies}), so the sender can diff against them. If the
 *       local current revision's generation is not lower, it is a conflict: the passive side answers
 *       409, the active side still wants it (it becomes a conflict to resolve). Revocation entries are not wanted.</li>
 *   <li>{@code proposeChanges} entry: 304 if it is our current revision; 0 (send it) if its parent is our current
 *       revision (both absent: a new document), or it has no parent and our document is deleted; otherwise 409 with
 *       our current revision.</li>
 * </ul>
 * One deliberate difference: LiteCore asks again for a revision it has on a non-current branch; we don't, since it
 * is already stored.
 *
 * <p>Not thread-safe: used on the puller's executor. It reads the collection and may write remote markers.
 */
public final class RevFinder {
    private static final Logger LOG = LoggerFactory.getLogger(RevFinder.class);

    private final DbAccess db;
    private final int remoteId;
    private final boolean requireBodies;

    RevFinder(DbAccess db, int remoteId, boolean requireBodies) {
        this.db = db;
        this.remoteId = remoteId;
        this.requireBodies = requireBodies;
    }

    /** One reply per entry, same order. {@code passive}: refuse conflicts with 409. */
    List<ChangeReply> findRevs(List<ChangeEntry> changes, boolean passive) {
        List<ChangeReply> replies = new ArrayList<>(changes.size());
        Map<String, String> marks = new LinkedHashMap<>();
        for (ChangeEntry c : changes) {
            replies.add(c.isRevocation() ? ChangeReply.NOT_WANTED : findRev(c.docId(), c.revId(), passive, marks));
        }
        markRemote(marks);
        return replies;
    }

    private ChangeReply findRev(String docId, String revId, boolean passive, Map<String, String> marks) {
        long generation = generation(docId, revId);
        Document doc = get(docId);
        if (doc == null) {
            return ChangeReply.wanted(List.of());
        }
        if (doc.revision(revId) != null) {
            if (remoteId != 0 && !revId.equals(doc.remoteRevId(remoteId))) {
                marks.put(docId, revId);
            }
            return ChangeReply.NOT_WANTED;
        }
        boolean conflict = DbAccess.generation(doc.revId()) >= generation;
        if (conflict && passive) {
            return ChangeReply.rejected(ReplWire.STATUS_CONFLICT);
        }
        List<String> ancestors = new ArrayList<>();
        for (Revision r : doc.revisions()) {
            if (r.generation() < generation
                    && (!requireBodies || DeltaBases.hasBody(db, doc, r.revId()))) {
                ancestors.add(r.revId());
                if (ancestors.size() == ReplTuning.MAX_POSSIBLE_ANCESTORS) {
                    break;
                }
            }
        }
        return ChangeReply.wanted(ancestors);
    }

    /** One reply per proposed change, same order. The documents' current revisions are read in one go. */
    List<ProposalReply> findProposed(List<ProposedChange> changes) {
        List<String> ids = new ArrayList<>(changes.size());
        for (ProposedChange c : changes) {
            generation(c.docId(), c.revId());
            ids.add(c.docId());
        }
        List<Change> docs = currentRevisions(ids);
        List<ProposalReply> replies = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            ProposedChange c = changes.get(i);
            Change doc = docs.get(i);
            String current = doc == null ? null : doc.revId();
            if (c.revId().equals(current)) {
                replies.add(ProposalReply.ALREADY_HAVE);
            } else if (Objects.equals(current, c.serverRevId())
                    || (c.serverRevId() == null && doc != null && doc.deleted())) {
                replies.add(ProposalReply.OK);
            } else {
                replies.add(ProposalReply.conflict(current));
            }
        }
        return replies;
    }

    /** {@link DbAccess#currentRevisions}, one by one if some ID is one our database refuses (then null for it). */
    private List<Change> currentRevisions(List<String> ids) {
        try {
            return db.currentRevisions(ids);
        } catch (C4Exception e) {
            if (!isBadDocId(e)) {
                throw e;
            }
            List<Change> out = new ArrayList<>(ids.size());
            for (String id : ids) {
                try {
                    out.add(db.currentRevisions(List.of(id)).get(0));
                } catch (C4Exception bad) {
                    if (!isBadDocId(bad)) {
                        throw bad;
                    }
                    out.add(null);
                }
            }
            return out;
        }
    }

    private static boolean isBadDocId(C4Exception e) {
        return e.domain() == ErrorDomain.LITECORE && e.code() == ErrorCodes.LiteCore.BAD_DOC_ID;
    }

    /** The document, or null if absent or its ID is one our database refuses (it can't be inserted either). */
    private Document get(String docId) {
        try {
            return db.get(docId);
        } catch (C4Exception e) {
            if (isBadDocId(e)) {
                return null;
            }
            throw e;
        }
    }

    private static long generation(String docId, String revId) {
        long generation = DbAccess.generationIfValid(revId);
        if (generation < 0) {
            throw new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.REMOTE_ERROR,
                    "Invalid docID/revID '" + docId + "' #" + revId + " in incoming change list");
        }
        return generation;
    }

    /** Records, in one transaction, that the peer has these revisions we already had. */
    private void markRemote(Map<String, String> marks) {
        if (marks.isEmpty()) {
            return;
        }
        LOG.debug("Marking {} existing revisions as the peer's", marks.size());
        db.inBatch(() -> marks.forEach((docId, revId) ->
                db.setRemoteRevId(docId, remoteId, revId)));
    }
}
