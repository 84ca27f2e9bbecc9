package org.c4j;

import java.util.ArrayList;
import java.util.List;

import org.c4j.internal.db.StoredDoc;
import org.c4j.storage.Content;
import org.c4j.storage.KeyStore;
import org.c4j.storage.Record;
import org.c4j.storage.RecordCursor;
import org.c4j.storage.Txn;

/**
 * Turns the records a key-store cursor yields into {@link Collection}'s answers: change entries (its changes feed and
 * by-ID enumeration) or whole documents ({@link Collection#changedDocuments}); and reads documents' current revisions.
 *
 * <p>Stateless; the cursor and transaction belong to the caller.
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
            out.add(change(r, r.body() == null ? null : new Body(r.body(), (f & StoredDoc.HAS_ATTACHMENTS) != 0)));
        }
        return out;
    }

    private static Change change(Record r, Body body) {
        int f = r.flags();
        return new Change(r.key(), StoredDoc.revIdOf(r).toString(), r.sequence(), (f & StoredDoc.DELETED) != 0,
                (f & StoredDoc.CONFLICTED) != 0, (f & StoredDoc.HAS_ATTACHMENTS) != 0,
                r.body() == null ? -1 : r.body().length, body);
    }

    /** Each document's current revision (metadata only; null if it doesn't exist). */
    static List<Change> current(KeyStore docs, Txn t, List<String> docIds) {
        List<Change> out = new ArrayList<>(docIds.size());
        for (String id : docIds) {
            Record r = docs.get(t, id, Content.META);
            out.add(r == null ? null : change(r, null));
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
