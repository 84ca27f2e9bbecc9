package org.c4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.c4j.internal.Errors;
import org.c4j.internal.db.StoredDoc;
import org.c4j.internal.revtree.Rev;
import org.c4j.internal.revtree.RevId;
import org.c4j.internal.revtree.RevTree;

/**
 * A snapshot of a document as it was read or written: its current revision (ID, body, flags, sequence) and its
 * revision tree (all revisions, conflicts, history, the revisions remote peers are known to have). Changes made
 * later are not reflected; read the document again.
 *
 * <p>Immutable; thread-safe.
 */
public final class Document {
    private final CollectionSpec collection;
    private final String docId;
    private final long sequence;
    private final int flags;
    private final RevTree tree;
    private final Rev current;

    /** Takes ownership of {@code tree}, which must not be changed afterwards. */
    Document(CollectionSpec collection, String docId, long sequence, RevTree tree) {
        this.collection = collection;
        this.docId = docId;
        this.sequence = sequence;
        this.tree = tree;
        this.flags = StoredDoc.flagsOf(tree);
        this.current = tree.currentRevision();
        tree.revisions(); // sorts now, so later reads never mutate
    }

    public CollectionSpec collection() {
        return collection;
    }

    public String id() {
        return docId;
    }

    /** The current revision's ID. */
    public String revId() {
        return current.id().toString();
    }

    /** The document's sequence: the sequence of its last saved change. */
    public long sequence() {
        return sequence;
    }

    /** True if the current revision is a deletion (tombstone). */
    public boolean isDeleted() {
        return (flags & StoredDoc.DELETED) != 0;
    }

    /** True if more than one revision is active (unresolved conflict). */
    public boolean isConflicted() {
        return (flags & StoredDoc.CONFLICTED) != 0;
    }

    /** True if some revision's body references blobs. */
    public boolean hasAttachments() {
        return (flags & StoredDoc.HAS_ATTACHMENTS) != 0;
    }

    /** The current revision's body ({@code {}} for a tombstone without body). */
    public Body body() {
        byte[] b = current.body();
        return b == null ? Body.empty() : new Body(b, current.hasAttachments());
    }

    /** All revisions, the current one first, then in LiteCore's priority order. */
    public List<Revision> revisions() {
        List<Revision> out = new ArrayList<>();
        for (Rev r : tree.revisions()) {
            out.add(toRevision(r));
        }
        return Collections.unmodifiableList(out);
    }

    /** The leaf revisions (current first), optionally without deleted ones; closed conflict branches excluded. */
    public List<Revision> leafRevisions(boolean includeDeleted) {
        List<Revision> out = new ArrayList<>();
        for (Rev r : tree.revisions()) {
            if (r.isLeaf() && !r.isClosed() && (includeDeleted || !r.isDeleted())) {
                out.add(toRevision(r));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A revision by ID, or null if not in the tree. */
    public Revision revision(String revId) {
        Rev r = find(revId);
        return r == null ? null : toRevision(r);
    }

    /**
     * The history of a revision: its ID, then its ancestors' IDs back to the oldest one stored; empty if the
     * revision isn't in the tree.
     */
    public List<String> history(String revId) {
        List<String> h = new ArrayList<>();
        for (Rev r = find(revId); r != null; r = r.parent()) {
            h.add(r.id().toString());
        }
        return Collections.unmodifiableList(h);
    }

    /** The revision the remote peer {@code remoteId} is known to have, or null. */
    public String remoteRevId(int remoteId) {
        Rev r = tree.latestRevisionOnRemote(remoteId);
        return r == null ? null : r.id().toString();
    }

    /** True if the revision was marked rejected ({@link Collection#markRevisionRejected}). */
    public boolean isRejected(String revId) {
        Rev r = find(revId);
        return r != null && tree.isRejected(r);
    }

    /** True if {@code revId} is the current revision or one of its ancestors. */
    public boolean currentDescendsFrom(String revId) {
        Rev r = find(revId);
        return r != null && r.isAncestorOf(current);
    }

    private Rev find(String revId) {
        RevId id = RevId.tryParse(revId);
        if (id == null) {
            throw Errors.badRevId("invalid revision ID '" + revId + "'");
        }
        return tree.get(id);
    }

    private static Revision toRevision(Rev r) {
        return new Revision(r.id().toString(), r.parent() == null ? null : r.parent().id().toString(), r.sequence(),
                r.isDeleted(), r.isLeaf(), r.isConflict(), r.isClosed(), r.hasAttachments(),
                r.body() == null ? null : new Body(r.body(), r.hasAttachments()));
    }

    @Override
    public String toString() {
        return "Document{" + collection + "/" + docId + " " + revId() + " seq=" + sequence
                + (isDeleted() ? " deleted" : "") + (isConflicted() ? " conflicted" : "") + "}";
    }
}
