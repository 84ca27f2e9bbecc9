package org.c4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.c4j.internal.Errors;
import org.c4j.internal.body.BlobRefs;
import org.c4j.internal.db.DocWriter;
import org.c4j.internal.db.PreviousBodies;
import org.c4j.internal.db.StoredDoc;
import org.c4j.internal.db.Validation;
import org.c4j.internal.db.WriteScope;
import org.c4j.internal.revtree.Rev;
import org.c4j.internal.revtree.RevId;
import org.c4j.storage.Content;
import org.c4j.storage.KeyStore;
import org.c4j.storage.Record;
import org.c4j.storage.RecordCursor;
import org.c4j.storage.Txn;
import org.c4j.storage.WriteTxn;

/**
 * A collection of documents (LiteCore's C4Collection): documents with revision trees, a strictly increasing
 * sequence per change, a changes feed, expiration, and observers.
 *
 * <p>Every operation that gets bad input or a wrong parent revision throws a typed
 * {@link org.c4j.socket.C4Exception} and changes nothing: BAD_DOC_ID (empty, over 240 UTF-8 bytes, starting with
 * '_', control characters), BAD_REVISION_ID, CONFLICT (parent isn't a current leaf), NOT_FOUND, INVALID_PARAMETER
 * (body over 20 MiB), CORRUPT_REVISION_DATA ({@code _id}/{@code _rev}/{@code _deleted} at the top of a body).
 *
 * <p>Thread-safe; see {@link Database} for the transaction model. Documents returned are immutable snapshots.
 */
public final class Collection {
    private static final String KEYSTORE_PREFIX = "docs:";
    /** Expired documents purged per storage call. */
    private static final int EXPIRY_BATCH = 1000;

    private final Database db;
    private final CollectionSpec spec;
    private final KeyStore docs;
    private final PreviousBodies previousBodies;
    private final DocStore writer;
    /** Lifecycle; transitions only in {@link #moveTo} (from {@link #invalidate()}). */
    public enum State {
        VALID, INVALID;

        boolean canMoveTo(State next) {
            return this == VALID && next == INVALID;
        }
    }

    private volatile State state = State.VALID;

    Collection(Database db, CollectionSpec spec) {
        this.db = db;
        this.spec = spec;
        this.docs = db.store().keyStore(keyStoreName(spec), true);
        DatabaseConfig c = db.config();
        this.previousBodies = new PreviousBodies(db.store(), spec.toString(), c.previousBodiesMaxDocs(),
                c.previousBodiesMaxBytes(), c.previousBodiesMaxAge().toMillis());
        this.writer = new DocStore(this, db, spec, docs, previousBodies);
    }

    static String keyStoreName(CollectionSpec spec) {
        return KEYSTORE_PREFIX + spec;
    }

    public CollectionSpec spec() {
        return spec;
    }

    public Database database() {
        return db;
    }

    /** VALID until the collection is deleted or its database handle closed. */
    public State state() {
        return state;
    }

    boolean isValid() {
        return state == State.VALID;
    }

    /** Idempotent: a deleted collection is invalidated again when its database closes. */
    synchronized void invalidate() {
        if (state == State.INVALID) {
            return;
        }
        moveTo(State.INVALID);
    }

    void checkValid() {
        if (state != State.VALID) {
            throw Errors.notOpen("collection " + spec + " was deleted or its database closed");
        }
    }

    // ---- reading

    private <T> T read(java.util.function.Function<Txn, T> work) {
        checkValid();
        return db.read(work);
    }

    /** The document, or null if it doesn't exist (deleted documents exist as tombstones until purged). */
    public Document get(String docId) {
        Validation.checkDocId(docId);
        return read(t -> {
            Record r = docs.get(t, docId, Content.ALL);
            return r == null ? null : document(StoredDoc.of(r));
        });
    }

    Document document(StoredDoc d) {
        return new Document(spec, d.docId(), d.sequence(), d.tree());
    }

    /**
     * The body of revision {@code revId} of a document if the revision tree no longer holds it but it was kept as
     * the document's previous body ({@link DatabaseConfig#withPreviousBodies}); null otherwise. For delta sync:
     * a peer that has that revision can be sent a delta against it.
     */
    public Body previousBody(String docId, String revId) {
        Validation.checkDocId(docId);
        long now = db.config().clock().millis();
        byte[] b = read(t -> previousBodies.get(t, docId, revId, now));
        return b == null ? null : new Body(b, BlobRefs.mayHaveBlobs(b));
    }

    /** Compaction: drops previous bodies past their age bound; returns how many. */
    int prunePreviousBodies(WriteTxn txn, long nowMillis) {
        return previousBodies.pruneExpired(txn, nowMillis);
    }

    /** Entries and bytes of previous bodies kept now (for tests and stats). */
    long[] previousBodiesSize() {
        return read(previousBodies::size);
    }

    /** The sequence of the latest change (0 if none). */
    public long lastSequence() {
        return read(docs::lastSequence);
    }

    /** The number of live (not deleted) documents. Reads every document's metadata: O(n). */
    public long count() {
        return read(t -> {
            long n = 0;
            try (RecordCursor c = docs.byKey(t, null, Content.META)) {
                while (c.next()) {
                    if ((c.record().flags() & StoredDoc.DELETED) == 0) {
                        n++;
                    }
                }
            }
            return n;
        });
    }

    /**
     * Up to {@code options.limit()} documents changed after sequence {@code since}, in sequence order: each
     * document once, at its latest sequence. Call again with the last entry's sequence for the next batch.
     */
    public List<Change> changes(long since, ChangesOptions options) {
        return read(t -> {
            try (RecordCursor c = docs.bySequence(t, since, options.withBodies() ? Content.BODY : Content.META)) {
                return ChangeRows.changes(c, options, null);
            }
        });
    }

    /**
     * {@link #changes} with each document whole (revision tree and current body, whatever {@code withBodies} says),
     * read in the same transaction: for a reader needing more than the current revision without reading each again.
     */
    public List<Document> changedDocuments(long since, ChangesOptions options) {
        return read(t -> {
            try (RecordCursor c = docs.bySequence(t, since, Content.ALL)) {
                return ChangeRows.documents(spec, c, options);
            }
        });
    }

    /**
     * Each document's current revision as a change entry without body (bodySize -1), or null where the document
     * doesn't exist; all read in one transaction, metadata only.
     */
    public List<Change> currentRevisions(List<String> docIds) {
        docIds.forEach(Validation::checkDocId);
        return read(t -> ChangeRows.current(docs, t, docIds));
    }

    /**
     * Up to {@code options.limit()} documents in document-ID order (UTF-8 byte order), starting after
     * {@code afterDocId} (null: from the first). Call again with the last entry's ID for the next batch.
     */
    public List<Change> allDocuments(String afterDocId, ChangesOptions options) {
        return read(t -> {
            try (RecordCursor c = docs.byKey(t, afterDocId, options.withBodies() ? Content.BODY : Content.META)) {
                return ChangeRows.changes(c, options, afterDocId);
            }
        });
    }

    // ---- writing

    /**
     * Saves a new revision of a document: for a new (or deleted) document with {@code parentRevId} null, else as
     * a child of {@code parentRevId}, which must be a current leaf. The revision ID is generated from the parent,
     * the deletion flag and the body. Saving the same body on the same parent again changes nothing.
     */
    public Document save(String docId, String parentRevId, Body body) {
        Objects.requireNonNull(body, "body");
        Validation.checkDocId(docId);
        Validation.checkBody(body.bytes(), body.knownFreeOfReservedKeys());
        return putNew(docId, parentRevId, body, false);
    }

    /** Deletes a document: adds a tombstone revision as a child of {@code parentRevId}. */
    public Document delete(String docId, String parentRevId) {
        Validation.checkDocId(docId);
        return putNew(docId, parentRevId, Body.empty(), true);
    }

    /**
     * Saves several documents in one transaction, each as {@link #save} would, in list order — the same sequences
     * and revision IDs as saving them one by one — and returns them in that order. While this thread stores
     * documents, the later ones are prepared (JSON parsed, bodies checked, revision IDs and trees made) on
     * helper threads too; the call returns once the transaction has committed (inside {@link Database#inBatch} it
     * joins the batch's). If a save fails, its exception (the first in list order) is thrown and none of the
     * documents is saved; a failure after the first document was stored aborts an enclosing batch too.
     */
    public List<Document> saveAll(List<SaveRequest> requests) {
        checkValid();
        return BatchSave.run(db, writer, requests, Integer.MAX_VALUE, true);
    }

    /**
     * {@link #saveAll(List)} in consecutive transactions of {@code perTransaction} documents (the last may be
     * smaller), each durable when it commits, for loading many documents: while one transaction is stored and
     * committed, the next one's documents are prepared. Returns once the last has committed, and returns nothing,
     * so that no saved document is held in memory (read them with {@link #get}). If a save fails, its
     * exception is thrown, its transaction is rolled back and no later one is made; the transactions before it
     * stay committed (see {@link #lastSequence} or {@link #get} to find where to resume). Inside
     * {@link Database#inBatch} every document joins the batch's transaction.
     */
    public void saveAll(List<SaveRequest> requests, int perTransaction) {
        if (perTransaction < 1) {
            throw Errors.invalid("perTransaction must be at least 1");
        }
        checkValid();
        BatchSave.run(db, writer, requests, perTransaction, false);
    }

    private Document putNew(String docId, String parentRevId, Body body, boolean deleted) {
        // A save without parent is nearly always of a new document: made first as one, stored if none exists
        DocStore.NewDoc newDoc = parentRevId == null && !deleted
                ? DocStore.prepareNew(body, db.config().maxRevTreeDepth()) : null;
        return db.write((txn, p) -> {
            Document d = newDoc == null ? null : writer.insertNew(txn, p, docId, newDoc);
            return d != null ? d : writer.putNew(txn, p, writer.load(txn, p, docId), parentRevId, body, deleted);
        });
    }

    /**
     * Inserts a revision that already has an ID, with its history (the replicator's path); see
     * {@link InsertRequest}.
     */
    public InsertResult insertExisting(InsertRequest rq) {
        Validation.checkDocId(rq.docId());
        if (rq.history().isEmpty()) {
            throw Errors.invalid("empty revision history");
        }
        if (rq.remoteId() < 0) {
            throw Errors.invalid("negative remote ID");
        }
        List<RevId> history = new ArrayList<>(rq.history().size());
        for (String id : rq.history()) {
            history.add(RevId.parse(id));
        }
        byte[] body = rq.body().bytes();
        Validation.checkBody(body, rq.body().knownFreeOfReservedKeys());
        int maxDepth = db.config().maxRevTreeDepth();
        return db.write((txn, p) -> {
            StoredDoc doc = writer.load(txn, p, rq.docId());
            Rev prior = doc.exists() ? doc.tree().currentRevision() : null;
            int added = DocWriter.putExisting(doc.tree(), history, body, rq.deleted(), rq.body().mayHaveBlobs(),
                    rq.allowConflict(), rq.remoteId(), maxDepth);
            if (added < 0 || (added == 0 && !doc.tree().changed())) {
                return new InsertResult(added < 0 ? document(writer.load(txn, p, rq.docId())) : document(doc), 0);
            }
            return new InsertResult(writer.store(txn, p, doc, rq.external(), prior), Math.max(added, 0));
        });
    }

    /**
     * Resolves a conflict between two leaf revisions: the losing branch is removed (or closed with a tombstone if
     * it is a remote peer's current revision) and, if {@code mergedBody} is given, a merged revision is added as a
     * child of the winning one. NOT_FOUND if either revision isn't in the document, CONFLICT if either isn't a
     * leaf.
     */
    public Document resolveConflict(String docId, String winningRevId, String losingRevId, Body mergedBody) {
        Validation.checkDocId(docId);
        if (mergedBody != null) {
            Validation.checkBody(mergedBody.bytes());
        }
        return db.write((txn, p) -> {
            StoredDoc doc = writer.load(txn, p, docId);
            if (!doc.exists()) {
                throw Errors.notFound("document " + docId + " not found");
            }
            DocWriter.resolveConflict(doc.tree(), doc.sequence(), winningRevId, losingRevId,
                    mergedBody == null ? null : mergedBody.bytes(), false,
                    mergedBody != null && mergedBody.mayHaveBlobs());
            return writer.store(txn, p, doc, false);
        });
    }

    /** Records that the remote peer {@code remoteId} has revision {@code revId} of the document. */
    public Document setRemoteRevId(String docId, int remoteId, String revId) {
        Validation.checkDocId(docId);
        RevId id = RevId.parse(revId);
        return db.write((txn, p) -> {
            StoredDoc doc = writer.load(txn, p, docId);
            Rev rev = doc.tree().get(id);
            if (rev == null) {
                throw Errors.notFound("revision " + revId + " of " + docId + " not found");
            }
            if (doc.tree().latestRevisionOnRemote(remoteId) == rev) {
                return document(doc);
            }
            doc.tree().setLatestRevisionOnRemote(remoteId, rev);
            return writer.store(txn, p, doc, false);
        });
    }

    /**
     * Marks a revision as rejected by the remote peers (e.g. a push refused with 403), so it isn't pushed again;
     * see {@link Document#isRejected}.
     */
    public Document markRevisionRejected(String docId, String revId) {
        Validation.checkDocId(docId);
        RevId id = RevId.parse(revId);
        return db.write((txn, p) -> {
            StoredDoc doc = writer.load(txn, p, docId);
            Rev rev = doc.tree().get(id);
            if (rev == null) {
                throw Errors.notFound("revision " + revId + " of " + docId + " not found");
            }
            if (doc.tree().isRejected(rev)) {
                return document(doc);
            }
            doc.tree().markRejected(rev);
            return writer.store(txn, p, doc, false);
        });
    }

    /** Removes a document and all its revisions without a trace (nothing to replicate); false if absent. */
    public boolean purge(String docId) {
        Validation.checkDocId(docId);
        return db.write((txn, p) -> purge(txn, p, docId));
    }

    private boolean purge(WriteTxn txn, WriteScope.Pending p, String docId) {
        writer.checkRegistered(txn, p);
        p.willWrite();
        boolean existed = docs.delete(txn, docId);
        previousBodies.remove(txn, docId);
        if (existed && db.observed(spec)) {
            p.add(spec, new DocumentChange(docId, null, 0, false), false);
        }
        return existed;
    }

    // ---- expiration

    /** Sets when the document expires (epoch milliseconds; 0 never). NOT_FOUND if it doesn't exist. */
    public void setExpiration(String docId, long epochMillis) {
        Validation.checkDocId(docId);
        if (epochMillis < 0) {
            throw Errors.invalid("negative expiration");
        }
        db.write((txn, p) -> {
            writer.checkRegistered(txn, p);
            if (docs.get(txn, docId, Content.META) == null) {
                throw Errors.notFound("document " + docId + " not found");
            }
            p.willWrite();
            docs.setExpiration(txn, docId, epochMillis);
            p.expirationSet(epochMillis);
            return null;
        });
    }

    /** The document's expiration (epoch milliseconds), 0 if none or no such document. */
    public long getExpiration(String docId) {
        Validation.checkDocId(docId);
        return read(t -> docs.expiration(t, docId));
    }

    /** The earliest expiration of any document, 0 if none. */
    public long nextExpiration() {
        return read(docs::nextExpiration);
    }

    /** Purges every document whose expiration is due (by the database's clock); returns how many. */
    public int purgeExpired() {
        long now = db.config().clock().millis();
        return db.write((txn, p) -> {
            int n = 0;
            List<String> keys;
            do {
                keys = docs.expiredKeys(txn, now, EXPIRY_BATCH);
                for (String k : keys) {
                    if (purge(txn, p, k)) {
                        n++;
                    }
                }
            } while (keys.size() == EXPIRY_BATCH);
            return n;
        });
    }

    // ---- observers

    /**
     * Calls {@code observer} with each committed batch of changes to this collection. Returns once every write
     * transaction begun before the call has ended, so a read made after this returns sees any change the observer
     * is not told of (a transaction that found no observer records no changes): observe, then read the backlog,
     * and nothing falls in between. May therefore wait for another thread's transaction.
     */
    public ListenerToken addChangeListener(Consumer<CollectionChange> observer) {
        checkValid();
        ListenerToken token = db.notifier().addCollectionObserver(spec, Objects.requireNonNull(observer, "observer"));
        db.awaitEarlierWrites();
        return token;
    }

    /** Calls {@code observer} with each committed change of one document; returns as {@link #addChangeListener}. */
    public ListenerToken addDocumentListener(String docId, Consumer<DocumentChange> observer) {
        Validation.checkDocId(docId);
        checkValid();
        ListenerToken token = db.notifier().addDocumentObserver(spec, docId,
                Objects.requireNonNull(observer, "observer"));
        db.awaitEarlierWrites();
        return token;
    }

    // ---- blobs

    /** Adds the keys of blobs referenced by any stored revision body. */
    void collectBlobKeys(Txn txn, Set<BlobKey> keys) {
        try (RecordCursor c = docs.byKey(txn, null, Content.META)) {
            while (c.next()) {
                Record meta = c.record();
                if ((meta.flags() & StoredDoc.HAS_ATTACHMENTS) == 0) {
                    continue;
                }
                StoredDoc.of(docs.get(txn, meta.key(), Content.ALL)).addBlobKeys(keys);
            }
        }
    }

    @Override
    public String toString() {
        return "Collection{" + spec + "}";
    }

    private void moveTo(State next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("Collection: bad transition " + state + " -> " + next);
        }
        state = next;
    }
}
