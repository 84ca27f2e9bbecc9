package org.c4j.replicator.internal.db;

import org.c4j.Body;
import org.c4j.Document;
import org.c4j.Revision;

/**
 * Where a replicator finds the body of a revision to diff against (sending) or to apply a delta to (receiving):
 * the revision tree, else the collection's kept previous bodies ({@link DbAccess#previousBody}), which c4j keeps so
 * a listener relaying edits between peers can still send deltas.
 *
 * <p>Stateless; thread-safe. Reads the database on the calling thread.
 */
public final class DeltaBases {
    private DeltaBases() {
    }

    /** The body of revision {@code revId} of {@code doc}, or null if neither the tree nor the kept bodies have it. */
    public static Body body(DbAccess db, Document doc, String revId) {
        Revision r = doc.revision(revId);
        if (r != null && r.body() != null) {
            return r.body();
        }
        return r != null && r.deleted() ? null : db.previousBody(doc.id(), revId);
    }

    /** A base for a delta to send: like {@link #body}, but never a tombstone. */
    public static Body sendableBase(DbAccess db, Document doc, String revId) {
        Revision r = doc.revision(revId);
        if (r != null && r.deleted()) {
            return null;
        }
        return body(db, doc, revId);
    }

    /** True if {@link #body} would find the body (LiteCore lists only such ancestors when deltas are on). */
    public static boolean hasBody(DbAccess db, Document doc, String revId) {
        Revision r = doc.revision(revId);
        if (r != null && r.body() != null) {
            return true;
        }
        return (r == null || !r.deleted()) && db.previousBody(doc.id(), revId) != null;
    }
}
