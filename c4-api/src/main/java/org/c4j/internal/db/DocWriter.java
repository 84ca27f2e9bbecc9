package org.c4j.internal.db;

import java.util.List;

import org.c4j.internal.Errors;
import org.c4j.internal.body.CanonicalMsgpack;
import org.c4j.internal.revtree.Rev;
import org.c4j.internal.revtree.RevId;
import org.c4j.internal.revtree.RevTree;
import org.c4j.internal.revtree.RevTreeCodec;

/**
 * The document-level rules on top of {@link RevTree}, as LiteCore's TreeDocument applies them: creating new
 * revisions (with parent checks and generated revIDs), inserting revisions with history from a peer (remote
 * markers, "branch switches"), resolving conflicts, and preparing a tree for storage (pruning, dropping old
 * bodies). All checks run before the tree is touched, so a failure leaves it unchanged.
 *
 * <p>Stateless; thread-safe. Operates on the caller's private tree.
 */
public final class DocWriter {
    /** What to store for a document: the record's version, body, extra and flags. */
    public record Encoded(byte[] version, byte[] body, byte[] extra, int flags) {
    }

    private DocWriter() {
    }

    /**
     * Adds a new revision (the app's save or delete) as a child of {@code parentRevId}, or of nothing for a new
     * document (or of the current tombstone when re-creating a deleted one). Returns the new revision, or the
     * existing one if the same revision already exists (then the tree is unchanged).
     *
     * @throws org.c4j.socket.C4Exception NOT_FOUND for an unknown document with a parent or for deleting a missing
     *         document; CONFLICT for a parent that isn't a leaf or unknown in an existing document, or no parent
     *         for a live document; BAD_REVISION_ID for a malformed parent
     */
    public static Rev putNew(RevTree tree, String parentRevId, byte[] body, int[] canonical, boolean deleted,
                             boolean hasAttachments) {
        Rev parent;
        if (parentRevId != null) {
            RevId pid = RevId.parse(parentRevId);
            if (tree.isEmpty()) {
                throw Errors.notFound("document does not exist");
            }
            parent = tree.get(pid);
            if (parent == null) {
                throw Errors.conflict("revision " + parentRevId + " is not a revision of the document");
            }
        } else {
            Rev cur = tree.currentRevision();
            if (deleted) {
                if (cur == null) {
                    throw Errors.notFound("can't delete a document that does not exist");
                }
                throw Errors.conflict("deleting a document needs its current revision ID");
            }
            if (cur != null && !cur.isDeleted()) {
                throw Errors.conflict("document already exists");
            }
            parent = cur;
        }
        RevId newId = newRevId(parent == null ? null : parent.id(), deleted, body, canonical);
        Rev existing = tree.get(newId);
        if (existing != null) {
            return existing; // a retried save: this exact revision was made already
        }
        if (parent != null && !parent.isLeaf()) {
            throw Errors.conflict("revision " + parentRevId + " is not a current revision of the document");
        }
        int flags = (deleted ? Rev.DELETED : 0) | (hasAttachments ? Rev.HAS_ATTACHMENTS : 0);
        return tree.insert(newId, body, flags, parent, false, false);
    }

    /**
     * Inserts a revision with its history (newest first) from a peer. With a remote ID, conflicting branches are
     * marked as such, the remote's marker moves to the new revision (whose body is kept as a future merge base),
     * and a "branch switch" by the remote (its previous revision not an ancestor of the new one) purges the
     * branch it left. Returns how many revisions were new (the common ancestor's index in the history), or -1 if
     * the revision is older than the one the remote already sent (ignored; the tree must not be saved).
     */
    public static int putExisting(RevTree tree, List<RevId> history, byte[] body, boolean deleted,
                                  boolean hasAttachments, boolean allowConflict, int remoteId, int maxDepth) {
        Rev priorCurrent = tree.currentRevision();
        int flags = (deleted ? Rev.DELETED : 0) | (hasAttachments ? Rev.HAS_ATTACHMENTS : 0);
        int common = tree.insertHistory(history, body, flags, allowConflict, remoteId != RevTree.NO_REMOTE, maxDepth);
        if (remoteId == RevTree.NO_REMOTE) {
            return common;
        }
        Rev newRev = tree.get(history.get(0));
        Rev oldRev = tree.latestRevisionOnRemote(remoteId);
        if (oldRev != null && !oldRev.isAncestorOf(newRev)) {
            if (newRev.isAncestorOf(oldRev)) {
                return -1; // an older revision arriving after a newer one
            }
            if (oldRev.isConflict()) {
                tree.purge(oldRev.id());
            } else if (oldRev == priorCurrent) {
                tree.markBranchAsNotConflict(newRev, true);
                tree.purge(oldRev.id());
            }
        }
        tree.setLatestRevisionOnRemote(remoteId, newRev);
        tree.keepBody(newRev);
        return common;
    }

    /**
     * Resolves a conflict between two leaves: the losing branch is purged (or, if it is some remote's current
     * revision, closed with a tombstone), then a merged revision with {@code mergedBody} is added on the winning
     * branch (if given; null keeps the winning revision as it is).
     */
    public static void resolveConflict(RevTree tree, long docSequence, String winningRevId, String losingRevId,
                                       byte[] mergedBody, boolean mergedDeleted, boolean mergedHasAttachments) {
        Rev win = tree.get(RevId.parse(winningRevId));
        Rev lose = tree.get(RevId.parse(losingRevId));
        if (win == null || lose == null) {
            throw Errors.notFound("revision not found in document");
        }
        if (!win.isLeaf() || !lose.isLeaf()) {
            throw Errors.conflict("conflict resolution needs two leaf revisions");
        }
        if (win == lose) {
            throw Errors.invalid("winning and losing revisions are the same");
        }
        tree.markBranchAsNotConflict(win, true);
        tree.markBranchAsNotConflict(lose, false);
        if (!tree.isLatestRemoteRevision(lose)) {
            tree.purge(lose.id());
        } else if (!lose.isClosed()) {
            byte[] empty = {(byte) 0x80};
            RevId tomb = newRevId(lose.id(), true, empty, null);
            tree.insert(tomb, empty, Rev.DELETED | Rev.CLOSED, lose, true, false);
        }
        if (mergedBody != null) {
            RevId merged = newRevId(win.id(), mergedDeleted, mergedBody, null);
            int flags = (mergedDeleted ? Rev.DELETED : 0) | (mergedHasAttachments ? Rev.HAS_ATTACHMENTS : 0);
            if (tree.get(merged) == null) {
                tree.insert(merged, mergedBody, flags, win, true, false);
            }
        } else if (win.sequence() == docSequence) {
            // the winner was saved as a conflict, so it never had its own sequence in the feed: give it a new one
            tree.resetSequence(win);
        }
    }

    /**
     * The ID of a new revision: digests the body's canonical MessagePack (see {@link RevId#generate}), given as
     * byte ranges of {@code body} by the JSON parser ({@code canonical}; empty: all of {@code body}) or, if null,
     * made by {@link CanonicalMsgpack} — the same bytes either way.
     */
    private static RevId newRevId(RevId parent, boolean deleted, byte[] body, int[] canonical) {
        if (canonical != null) {
            return RevId.generate(parent, deleted, body, canonical);
        }
        CanonicalMsgpack c = CanonicalMsgpack.forThisThread();
        int len = c.encode(body);
        return RevId.generate(parent, deleted, c.buffer(), 0, len);
    }

    /** Prunes the tree, drops bodies no longer needed, and encodes what to store. */
    public static Encoded prepare(RevTree tree, int maxDepth) {
        tree.prune(maxDepth);
        tree.removeNonLeafBodies();
        Rev cur = tree.currentRevision();
        byte[] body = cur.body() != null ? cur.body() : new byte[] {(byte) 0x80};
        return new Encoded(StoredDoc.version(tree), body, RevTreeCodec.encode(tree, true), StoredDoc.flagsOf(tree));
    }
}
