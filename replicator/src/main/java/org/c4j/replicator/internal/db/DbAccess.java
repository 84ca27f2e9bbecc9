package org.c4j.replicator.internal.db;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import org.c4j.BlobStore;
import org.c4j.Body;
import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Collection;
import org.c4j.CollectionChange;
import org.c4j.CollectionSpec;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.c4j.InsertResult;
import org.c4j.ListenerToken;
import org.c4j.LocalDocument;
import org.c4j.internal.Errors;
import org.c4j.internal.body.BlobRefs;
import org.c4j.internal.delta.DeltaPolicy;
import org.c4j.internal.delta.JsonDelta;
import org.c4j.internal.revtree.RevId;
import org.c4j.socket.C4Exception;

/**
 * The replicator's one door into the database (LiteCore's {@code DBAccess}): every Database, Collection and
 * Document call that replication makes, and the few c4-api internals it needs (revision-ID order and generations,
 * blob-dict facts, I/O error mapping), which c4-api exports to this module only. Nothing else in the replicator
 * touches {@code org.c4j.internal}.
 *
 * <p>One instance serves one database and, for the workers of a lane, one collection ({@link #forCollection}).
 * Stateless apart from those references; thread-safe as the database is (workers call it from their own serial
 * executors; the database serialises writes itself).
 */
public final class DbAccess {
    /** The legacy {@code _attachments} property (LiteCore {@code kC4LegacyAttachmentsProperty}). */
    public static final String ATTACHMENTS_PROPERTY = BlobRefs.ATTACHMENTS_PROPERTY;
    /** A blob dict's content digest property. */
    public static final String DIGEST_PROPERTY = BlobRefs.DIGEST_PROPERTY;
    /** A blob dict's type marker property ({@code "@type": "blob"}). */
    public static final String TYPE_PROPERTY = BlobRefs.TYPE_PROPERTY;

    private final Database db;
    private final Collection collection;

    private DbAccess(Database db, Collection collection) {
        this.db = Objects.requireNonNull(db, "db");
        this.collection = collection;
    }

    /** Database-level access (checkpoints, remote IDs, blobs). */
    public static DbAccess of(Database db) {
        return new DbAccess(db, null);
    }

    /** Access to one collection of the database, or null if it does not exist. */
    public DbAccess forCollection(CollectionSpec spec) {
        Collection c = db.collection(spec);
        return c == null ? null : new DbAccess(db, c);
    }

    // ---- database ----

    /** The database's short ID for a peer, used to track which revisions the peer has ({@code remoteId}). */
    public int remoteId(String remoteKey) {
        return db.remoteId(remoteKey);
    }

    /** The database's private UUID (part of checkpoint IDs). */
    public java.util.UUID privateUuid() {
        return db.privateUuid();
    }

    /** The database clock (injected through {@code DatabaseConfig.withClock}), in epoch milliseconds. */
    public long clockMillis() {
        return db.config().clock().millis();
    }

    /** Runs {@code work} in one durable write transaction. */
    public void inBatch(Runnable work) {
        db.inBatch(work);
    }

    /** Runs {@code work} in one durable write transaction and returns its result. */
    public <T> T inBatch(java.util.function.Supplier<T> work) {
        return db.inBatch(work);
    }

    public BlobStore blobs() {
        return db.blobStore();
    }

    public LocalDocument localDocument(String docId) {
        return db.getLocalDocument(docId);
    }

    public boolean deleteLocalDocument(String docId) {
        return db.deleteLocalDocument(docId);
    }

    /** The collections the database has now. */
    public List<CollectionSpec> collectionSpecs() {
        return db.collectionSpecs();
    }

    /** Stores a local (non-replicated) document with its meta string (e.g. its revision). */
    public void putLocalDocument(String docId, String meta, String json) {
        db.putLocalDocument(docId, meta, json);
    }

    // ---- collection ----

    public CollectionSpec spec() {
        return collection().spec();
    }

    public Document get(String docId) {
        return collection().get(docId);
    }

    public long lastSequence() {
        return collection().lastSequence();
    }

    public List<Change> changes(long since, ChangesOptions options) {
        return collection().changes(since, options);
    }

    /** {@link #changes} with each document whole, read in the same transaction (c4-api's changedDocuments). */
    public List<Document> changedDocuments(long since, ChangesOptions options) {
        return collection().changedDocuments(since, options);
    }

    /** Each document's current revision without body, null if it doesn't exist (one transaction, metadata only). */
    public List<Change> currentRevisions(List<String> docIds) {
        return collection().currentRevisions(docIds);
    }

    public ListenerToken addChangeListener(Consumer<CollectionChange> observer) {
        return collection().addChangeListener(observer);
    }

    /** Notes that the peer has {@code revId} of the document. */
    public void setRemoteRevId(String docId, int remoteId, String revId) {
        collection().setRemoteRevId(docId, remoteId, revId);
    }

    /** Inserts a revision received from a peer, with its history. */
    public InsertResult insertExisting(InsertRequest rq) {
        return collection().insertExisting(rq);
    }

    public boolean purge(String docId) {
        return collection().purge(docId);
    }

    public void resolveConflict(String docId, String winningRevId, String losingRevId, Body mergedBody) {
        collection().resolveConflict(docId, winningRevId, losingRevId, mergedBody);
    }

    public void delete(String docId, String parentRevId) {
        collection().delete(docId, parentRevId);
    }

    /** The kept previous body of a revision the tree dropped (c4-api's {@code Collection.previousBody}), or null. */
    public Body previousBody(String docId, String revId) {
        return collection().previousBody(docId, revId);
    }

    private Collection collection() {
        if (collection == null) {
            throw new IllegalStateException("DbAccess: database-level access used for a collection call");
        }
        return collection;
    }

    // ---- facts owned by c4-api ----

    /**
     * The delta (UTF-8 JSON) to send for {@code body} against {@code base}, or null to send the body whole
     * (c4-api's {@code DeltaPolicy}: 200-byte minimum, at most 1.2x the body, blob deltas verified).
     */
    public static byte[] deltaToSend(Body base, Body body) {
        return DeltaPolicy.deltaToSend(JsonDelta.DEFAULT, base, body);
    }

    /** Applies a JSON delta to {@code base}; throws {@code (LITECORE, CORRUPT_DELTA)} if it doesn't apply. */
    public static Body applyDelta(Body base, byte[] deltaJson) {
        return JsonDelta.DEFAULT.apply(base, deltaJson);
    }

    /** The generation of a well-formed revision ID ({@code 3-abc} -> 3); throws the typed error otherwise. */
    public static long generation(String revId) {
        return RevId.parse(revId).generation();
    }

    /** The generation of {@code revId} if it is a well-formed tree revision ID, else -1 (one parse for both). */
    public static long generationIfValid(String revId) {
        RevId id = revId == null ? null : RevId.tryParse(revId);
        return id == null ? -1 : id.generation();
    }

    /** True if {@code revId} is a well-formed tree revision ID. */
    public static boolean isValidRevId(String revId) {
        return RevId.tryParse(revId) != null;
    }

    /** LiteCore's revision-ID order: by generation, then by digest. Both must be well formed. */
    public static int compareRevIds(String a, String b) {
        return RevId.parse(a).compareTo(RevId.parse(b));
    }

    /** The largest generation a revision ID may have. */
    public static long maxGeneration() {
        return RevId.MAX_GENERATION;
    }

    /** True if {@code dict} is a blob reference ({@code "@type": "blob"}). */
    public static boolean isBlob(Map<?, ?> dict) {
        return BlobRefs.isBlob(dict);
    }

    /** An I/O failure as the database reports it (typed, with what was being done). */
    public static C4Exception ioError(String what, IOException e) {
        return Errors.io(what, e);
    }

    @Override
    public String toString() {
        return "DbAccess{" + db + (collection == null ? "" : ", " + collection.spec()) + "}";
    }
}
