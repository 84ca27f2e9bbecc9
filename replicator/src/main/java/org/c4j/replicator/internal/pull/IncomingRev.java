package org.c4j.replicator.internal.pull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.c4j.BlobKey;
import org.c4j.Body;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.db.RevDelta;
import org.c4j.replicator.internal.wire.BlobWire;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.RevBody;
import org.c4j.replicator.internal.wire.RevMessage;
import org.c4j.socket.C4Exception;

/**
 * One received {@code rev} on its way into the database, after LiteCore's {@code IncomingRev}/{@code RevToInsert}:
 * the message, its parsed properties, the body as it will be stored (top-level {@code _} properties removed, as
 * LiteCore does before inserting), the blobs it references, and finally the outcome of the insert.
 *
 * <p>Not thread-safe: the puller's executor owns it, hands it to the {@link Inserter} (which sets the outcome) and
 * gets it back through the inserter's completion, a hand-off that publishes the writes.
 */
public final class IncomingRev {
    /**
     * A blob the body references: its key, its declared {@code length} (-1 if none) and whether the peer should
     * deflate it for us.
     */
    record BlobRef(BlobKey key, long length, boolean compress) {
        BlobRef(BlobKey key, boolean compress) {
            this(key, -1, compress);
        }
    }

    private static final String LENGTH_PROPERTY = "length";

    private static final String REMOVED_PROPERTY = "_removed";

    final IncomingMessage message;
    final RevMessage rev;
    /** The sequence as the changes message gave it (the checkpointer's key), or null if not expected. */
    final RemoteSequence expectedSequence;
    private Body body = Body.empty();
    private boolean purge;
    private List<BlobRef> blobs = List.of();
    /** Records the access verdict of the inserted revision, inside its transaction (null: no access control). */
    java.util.function.Consumer<Document> access;
    /** Set by the inserter: the document afterwards, or why the insert failed. */
    Document document;
    /** Counted out of the active revisions once inside a transaction (owned by the puller's worker). */
    boolean provisional;
    C4Exception error;

    /** A {@code rev} whose properties could not be parsed: it ends with {@code error}, under the IDs it names. */
    static IncomingRev malformed(IncomingMessage message, RemoteSequence expectedSequence, C4Exception error) {
        Map<String, String> p = message.properties();
        IncomingRev rev = new IncomingRev(message, new RevMessage(p.getOrDefault(ReplWire.ID, ""),
                p.getOrDefault(ReplWire.REV_ID, ""), null, false, List.of(), false, null, 0), expectedSequence);
        rev.error = error;
        return rev;
    }

    IncomingRev(IncomingMessage message, RevMessage rev, RemoteSequence expectedSequence) {
        this.message = message;
        this.rev = rev;
        this.expectedSequence = expectedSequence;
    }

    /**
     * Parses the JSON body (applying it to its base first if it is a delta, see {@link RevDelta#apply}): notices
     * Sync Gateway's {@code "_removed":true} stand-in for a document the user can no longer see, strips top-level
     * {@code _} properties (as LiteCore does before inserting), and lists the blobs referenced. Throws the
     * Fleece-domain error of an unparseable body or one that isn't an object, or a delta failure.
     */
    void parseBody(DbAccess db) {
        Body parsed = rev.deltaSrc() == null ? Body.fromJson(message.body())
                : RevDelta.apply(db, rev.docId(), rev.deltaSrc(), message.body(),
                        root -> RevBody.withLegacyAttachments(root, 1));
        if (parsed.hasMetaProperties()) {
            purge = Boolean.TRUE.equals(parsed.toMap().get(REMOVED_PROPERTY));
            parsed = parsed.withoutMetaProperties();
        }
        body = parsed;
        if (parsed.mayHaveBlobs()) {
            blobs = blobRefs(parsed.toMap());
        }
    }

    /** The blobs the body references, each once, in the order found. */
    List<BlobRef> blobs() {
        return blobs;
    }

    /** Sync Gateway removed the document from the user's channels: purge it rather than insert. */
    boolean isPurge() {
        return purge;
    }

    Body body() {
        return body;
    }

    InsertRequest insertRequest(boolean allowConflict, int remoteId) {
        return InsertRequest.of(rev.docId(), rev.fullHistory(), body).withDeleted(rev.deleted())
                .withAllowConflict(allowConflict).withRemoteId(remoteId).withExternal(true);
    }

    /** Like c4-api's blob search: blob dicts anywhere (not searched inside), then legacy attachments. */
    private static List<BlobRef> blobRefs(Map<String, Object> root) {
        Map<BlobKey, BlobRef> found = new LinkedHashMap<>();
        collect(root, found);
        if (root.get(DbAccess.ATTACHMENTS_PROPERTY) instanceof Map<?, ?> atts) {
            for (Object att : atts.values()) {
                if (att instanceof Map<?, ?> dict && !DbAccess.isBlob(dict)) {
                    add(dict, found);
                }
            }
        }
        return new ArrayList<>(found.values());
    }

    private static void collect(Object value, Map<BlobKey, BlobRef> found) {
        if (value instanceof Map<?, ?> dict) {
            if (DbAccess.isBlob(dict)) {
                add(dict, found);
                return;
            }
            dict.values().forEach(v -> collect(v, found));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, found));
        }
    }

    private static void add(Map<?, ?> dict, Map<BlobKey, BlobRef> found) {
        BlobKey key = dict.get(DbAccess.DIGEST_PROPERTY) instanceof String s ? BlobKey.tryParse(s) : null;
        if (key != null) {
            long length = dict.get(LENGTH_PROPERTY) instanceof Number n && n.longValue() >= 0 ? n.longValue() : -1;
            found.putIfAbsent(key, new BlobRef(key, length, BlobWire.isLikelyCompressible(stringKeys(dict))));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> dict) {
        return (Map<String, ?>) dict; // a parsed body's keys are strings
    }

    @Override
    public String toString() {
        return "IncomingRev{" + rev.docId() + " #" + rev.revId() + "}";
    }
}
