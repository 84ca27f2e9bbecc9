package org.c4j;

import java.util.ArrayList;
import java.util.List;

import org.c4j.internal.db.StoredDoc;
import org.c4j.storage.Record;
import org.c4j.storage.RecordCursor;

/**
 * Turns the records a key-store cursor yields into {@link Collection}'s answers: change entries (its changes feed and
 * by-ID enumeration) or whole documents ({@link Collection#changedDocuments}).
 *
 * <p>Stateless; the cursor belongs to the caller's transaction.
 */
final class ChangeRows {
    private ChangeRows() {
    }

    /** Up to {@code options.limit()} entries, skipping {@code skipKey} (if not null) and, if asked, tombstones. */
    static List<Change> changes(RecordCursor c, ChangesOptions options, String skipKey) {
        List<Change> out = new ArrayList<>(Math.min(options.limit(), 1024));
        while (out.size() < options.limit() && c.next()) {
            Record r = c.record();
            int f = r.flags();
            if ((skipKey != null && r.key().equals(skipKey)) || (!options.includeDeleted() && (f & StoredDoc.DELETED) != 0)) {
                continue;
            }
            Body body = r.body() == null ? null : new Body(r.body(), (f & StoredDoc.HAS_ATTACHMENTS) != 0);
            out.add(new Change(r.key(), StoredDoc.revIdOf(r).toString(), r.sequence(), (f & StoredDoc.DELETED) != 0,
                    (f & StoredDoc.CONFLICTED) != 0, (f & StoredDoc.HAS_ATTACHMENTS) != 0,
                    r.body() == null ? -1 : r.body().length, body));
        }
        return out;
    }

    /** Up to {@code options.limit()} documents of a cursor reading everything, tombstones only if asked. */
    static List<Document> documents(CollectionSpec spec, RecordCursor c, ChangesOptions options) {
        List<Document> out = new ArrayList<>(Math.min(options.limit(), 1024));
        while (out.size() < options.limit() && c.next()) {
            Record r = c.record();
            if (options.includeDeleted() || (r.flags() & StoredDoc.DELETED) == 0) {
                StoredDoc d = StoredDoc.of(r);
                out.add(new Document(spec, d.docId(), d.sequence(), d.tree()));
            }
        }
        return out;
    }
}
