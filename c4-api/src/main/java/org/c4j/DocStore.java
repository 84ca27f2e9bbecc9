package org.c4j;

import org.c4j.internal.Errors;
import org.c4j.internal.Tuning;
import org.c4j.internal.db.DocWriter;
import org.c4j.internal.db.PreviousBodies;
import org.c4j.internal.db.StoredDoc;
import org.c4j.internal.db.WriteScope;
import org.c4j.internal.revtree.Rev;
import org.c4j.internal.revtree.RevTree;
import org.c4j.storage.Content;
import org.c4j.storage.KeyStore;
import org.c4j.storage.Record;
import org.c4j.storage.Txn;
import org.c4j.storage.WriteTxn;

/**
 * Loads and stores one collection's documents inside a write transaction: the steps every write of
 * {@link Collection} shares (and {@link BatchSave}'s), so a batch stores a document exactly as a single save does.
 *
 * <p>Thread-safe (no state of its own); each call runs on the thread that owns the transaction passed in.
 */
final class DocStore {
    private final Collection collection;
    private final Database db;
    private final CollectionSpec spec;
    private final KeyStore docs;
    private final PreviousBodies previousBodies;

    DocStore(Collection collection, Database db, CollectionSpec spec, KeyStore docs, PreviousBodies previousBodies) {
        this.collection = collection;
        this.db = db;
        this.spec = spec;
        this.docs = docs;
        this.previousBodies = previousBodies;
    }

    StoredDoc load(WriteTxn txn, WriteScope.Pending p, String docId) {
        checkRegistered(txn, p);
        Record r = docs.get(txn, docId, Content.ALL);
        return r == null ? StoredDoc.absent(docId) : StoredDoc.of(r);
    }

    void checkRegistered(Txn txn, WriteScope.Pending p) {
        collection.checkValid();
        if (!p.verified(spec)) {
            if (!db.infoHasCollection(txn, spec)) {
                collection.invalidate();
                throw Errors.notOpen("collection " + spec + " was deleted");
            }
            p.markVerified(spec);
        }
    }

    /**
     * Adds a new revision (the app's save or delete) to the loaded {@code doc} and stores it; see
     * {@link Collection#save}. Returns the document as it was if this exact revision exists already.
     */
    Document putNew(WriteTxn txn, WriteScope.Pending p, StoredDoc doc, String parentRevId, Body body,
                    boolean deleted) {
        Rev prior = doc.exists() ? doc.tree().currentRevision() : null;
        Rev rev = DocWriter.putNew(doc.tree(), parentRevId, body.bytes(), body.canonicalRanges(), deleted,
                !deleted && body.mayHaveBlobs());
        if (!rev.isNew()) {
            return collection.document(doc); // this exact revision exists already
        }
        return store(txn, p, doc, false, prior);
    }

    /**
     * Prunes, encodes and stores the document's tree, and reports the change. A tree with new (unsaved)
     * revisions gets a new sequence; one where only markers changed (remote revisions, rejections) is updated in
     * place, keeping its sequence and not reported, as LiteCore does.
     */
    Document store(WriteTxn txn, WriteScope.Pending p, StoredDoc doc, boolean external) {
        return store(txn, p, doc, external, null);
    }

    /**
     * {@link #store(WriteTxn, WriteScope.Pending, StoredDoc, boolean)}; if {@code prior} (the current revision
     * before this change) loses its body to the tree's clean-up, the body is kept in {@link PreviousBodies}.
     */
    Document store(WriteTxn txn, WriteScope.Pending p, StoredDoc doc, boolean external, Rev prior) {
        RevTree tree = doc.tree();
        boolean newSequence = !doc.exists() || tree.hasNewRevisions();
        byte[] priorBody = prior == null || prior.isDeleted() ? null : prior.body();
        DocWriter.Encoded e = DocWriter.prepare(tree, db.config().maxRevTreeDepth());
        if (priorBody != null && priorBody.length >= Tuning.PREVIOUS_BODIES_MIN_SIZE && prior.body() == null
                && tree.currentRevision() != prior && previousBodies.enabled()) {
            previousBodies.keep(txn, doc.docId(), prior.id().toString(), priorBody,
                    db.config().clock().millis());
        }
        if (!newSequence) {
            p.willWrite();
            docs.update(txn, doc.docId(), e.version(), e.body(), e.extra(), e.flags());
            return new Document(spec, doc.docId(), doc.sequence(), tree);
        }
        return storeNewSequence(txn, p, doc.docId(), tree, e, external);
    }

    /** A new document's one-revision tree and its stored form, made without reading the database. */
    record NewDoc(RevTree tree, DocWriter.Encoded encoded) {
    }

    /**
     * The tree and record a save of {@code body} without parent makes for a document that does not exist (as
     * {@link #putNew} on an absent document would), or null if that save would fail. Pure: any thread.
     */
    static NewDoc prepareNew(Body body, int maxDepth) {
        try {
            RevTree tree = new RevTree();
            DocWriter.putNew(tree, null, body.bytes(), body.canonicalRanges(), false, body.mayHaveBlobs());
            return new NewDoc(tree, DocWriter.prepare(tree, maxDepth));
        } catch (RuntimeException e) {
            return null; // not worth a fast path: the single-save path decides (and reports) it
        }
    }

    /**
     * Stores {@code doc} ({@link #prepareNew}) as document {@code docId} if no document {@code docId} exists, in
     * one search of the records; returns null (nothing written) if one exists.
     */
    Document insertNew(WriteTxn txn, WriteScope.Pending p, String docId, NewDoc doc) {
        checkRegistered(txn, p);
        DocWriter.Encoded e = doc.encoded();
        long seq = docs.insert(txn, docId, e.version(), e.body(), e.extra(), e.flags());
        if (seq < 0) {
            return null;
        }
        p.willWrite(); // after the write: a refused insert wrote nothing (a failing one aborted the transaction)
        return saved(p, docId, doc.tree(), e, seq, false);
    }

    /**
     * Stores {@code tree}, already prepared as {@code e} ({@link DocWriter#prepare}), under a new sequence and
     * reports the change.
     */
    private Document storeNewSequence(WriteTxn txn, WriteScope.Pending p, String docId, RevTree tree,
                                      DocWriter.Encoded e, boolean external) {
        p.willWrite();
        long seq = docs.put(txn, docId, e.version(), e.body(), e.extra(), e.flags());
        return saved(p, docId, tree, e, seq, external);
    }

    private Document saved(WriteScope.Pending p, String docId, RevTree tree, DocWriter.Encoded e, long seq,
                           boolean external) {
        tree.saved(seq);
        if (db.observed(spec)) {
            p.add(spec, new DocumentChange(docId, tree.currentRevision().id().toString(), seq,
                    (e.flags() & StoredDoc.DELETED) != 0), external);
        }
        return new Document(spec, docId, seq, tree);
    }
}
