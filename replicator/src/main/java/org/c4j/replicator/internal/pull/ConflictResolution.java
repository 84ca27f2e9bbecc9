package org.c4j.replicator.internal.pull;

import org.c4j.Body;
import org.c4j.Document;
import org.c4j.Revision;
import org.c4j.replicator.Conflict;
import org.c4j.replicator.ConflictResolver;
import org.c4j.replicator.internal.db.DbAccess;

/**
 * Resolves a conflict a pulled revision created, the way Couchbase Lite does after a pull: the resolver picks the
 * content, and the remote revision always wins in the tree (the local branch is closed) so the result descends from
 * what the peer has; if the chosen content is not the remote revision's, it is saved as a new revision on top of the
 * remote one (a deletion if the resolver chose none). A push replicator then sends that revision back, and the peer
 * takes it without a conflict, so both sides converge on it.
 *
 * <p>Stateless; thread-safe if the resolver is. Writes in one transaction.
 */
public final class ConflictResolution {
    private ConflictResolution() {
    }

    /**
     * True if the inserted revision became a conflicting branch: a leaf marked as conflict (LiteCore's
     * {@code kRevIsConflict} on the inserted revision, which is what makes Couchbase Lite resolve). This also covers
     * a branch next to a local deletion, which the document's own conflict flag doesn't report.
     */
    static boolean createdConflict(Document doc, String remoteRevId) {
        Revision r = doc.revision(remoteRevId);
        return r != null && r.leaf() && r.conflict() && !r.closed();
    }

    /**
     * Resolves the conflict between {@code remoteRevId} and the document's current leaf (live or deleted), if the
     * remote revision is still a conflicting leaf. Throws the database's error if the document changed meanwhile,
     * or what the resolver threw.
     *
     * @return true if something was resolved
     */
    static boolean resolve(DbAccess db, ConflictResolver resolver, String docId, String remoteRevId) {
        Document doc = db.get(docId);
        if (doc == null || !createdConflict(doc, remoteRevId)) {
            return false;
        }
        Revision remote = doc.revision(remoteRevId);
        Revision local = null;
        for (Revision leaf : doc.leafRevisions(true)) {
            if (!leaf.revId().equals(remoteRevId)) {
                local = leaf;
                break;
            }
        }
        if (local == null) {
            return false;
        }
        Body remoteBody = bodyOf(remote);
        Conflict conflict = new Conflict(db.spec(), docId, local.revId(), local.deleted(), bodyOf(local),
                remoteRevId, remote.deleted(), remoteBody);
        ConflictResolver.Resolution chosen = resolver.resolve(conflict);
        Body body = chosen.body();
        boolean keepRemote = body == null ? remote.deleted() : !remote.deleted() && body.equals(remoteBody);
        String localRevId = local.revId();
        db.inBatch(() -> {
            db.resolveConflict(docId, remoteRevId, localRevId, keepRemote ? null : body);
            if (!keepRemote && body == null) {
                db.delete(docId, remoteRevId);
            }
        });
        return true;
    }

    private static Body bodyOf(Revision r) {
        return r.deleted() || r.body() == null ? Body.empty() : r.body();
    }
}
