package org.c4j.interop;

import org.c4j.BlobKey;
import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.replicator.DocumentReplication;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The c4j side of the interop scenarios: saving documents and blobs in the default collection, reading blobs back,
 * and running a c4j {@link Replicator} one-shot or continuous. Stateless; thread-safe.
 */
final class C4jSide {
    /** A one-shot replication never needs nearly this long; the bound only keeps a hang from stalling the build. */
    static final long REPLICATION_TIMEOUT_SECONDS = 120;

    /**
     * How a one-shot replication ended: its final status, every status it published (in order), the document
     * events with errors, and how many connections it made.
     */
    record Outcome(ReplicatorStatus status, List<ReplicatorStatus> statuses, List<DocumentReplication> documentErrors,
                   int connections) { }

    private C4jSide() { }

    /** Saves {@code body} as the next revision of {@code docId} (a new document if none or deleted). */
    static Document save(Database db, String docId, Map<String, Object> body) {
        Collection c = db.defaultCollection();
        Document current = c.get(docId);
        String parent = current == null || current.isDeleted() ? null : current.revId();
        return c.save(docId, parent, Body.fromMap(body));
    }

    /** Saves {@code count} {@link TestDocs#small} documents {@code <prefix>-NNNN} in one batch; returns their IDs. */
    static List<String> fill(Database db, String prefix, int count) {
        List<String> ids = TestDocs.ids(prefix, count);
        db.inBatch(() -> {
            for (int i = 0; i < count; i++) {
                save(db, ids.get(i), TestDocs.small(prefix, i));
            }
        });
        return ids;
    }

    /** Deletes the current revision of {@code docId}, which must exist. */
    static Document delete(Database db, String docId) {
        Document current = db.defaultCollection().get(docId);
        assertNotNull(current, () -> "cannot delete missing " + docId);
        return db.defaultCollection().delete(docId, current.revId());
    }

    /** Stores {@code content} in the blob store and returns the blob dictionary a document refers to it with. */
    static Map<String, Object> blob(Database db, byte[] content) {
        BlobKey key = db.blobStore().create(content);
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("@type", "blob");
        ref.put("content_type", "application/octet-stream");
        ref.put("digest", key.toString());
        ref.put("length", (long) content.length);
        return ref;
    }

    /**
     * Saves document {@code docId}: {@code "origin": "c4j"} and one blob property per entry of {@code blobs}, in
     * its order.
     */
    static Document saveBlobs(Database db, String docId, Map<String, byte[]> blobs) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("origin", "c4j"));
        blobs.forEach((property, content) -> body.put(property, blob(db, content)));
        return save(db, docId, body);
    }

    /** The c4j side's changes of the conflict scenario ({@link TestDocs#CONFLICT_IDS}, which must exist). */
    static void makeConflicts(Database db) {
        save(db, "c4j-wins", TestDocs.small("c4j", 1));
        save(db, "c4j-wins", TestDocs.small("c4j", 2));
        save(db, "cbl-wins", TestDocs.small("c4j", 1));
        save(db, "cbl-deletion-wins", TestDocs.small("c4j", 1));
        save(db, "cbl-deletion-wins", TestDocs.small("c4j", 2));
        delete(db, "c4j-deletion-wins");
    }

    /** The content of the blob that property {@code property} of live document {@code docId} refers to. */
    static byte[] blobContent(Database db, String docId, String property) {
        Document doc = db.defaultCollection().get(docId);
        assertNotNull(doc, () -> "c4j lacks " + docId);
        Object ref = doc.body().toMap().get(property);
        assertNotNull(ref, () -> "c4j " + docId + " has no property " + property);
        String digest = (String) ((Map<?, ?>) ref).get("digest");
        return db.blobStore().getContents(BlobKey.parse(digest));
    }

    /** Runs a one-shot replication to its end. */
    static Outcome replicate(ReplicatorConfig config) throws Exception {
        Replicator replicator = new Replicator(config);
        List<ReplicatorStatus> statuses = new CopyOnWriteArrayList<>();
        List<DocumentReplication> errors = new CopyOnWriteArrayList<>();
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        replicator.addDocumentListener(d -> {
            if (d.error() != null) {
                errors.add(d);
            }
        });
        replicator.addChangeListener(s -> {
            statuses.add(s);
            if (s.activity() == ReplicatorActivity.STOPPED) {
                stopped.complete(s);
            }
        });
        replicator.start();
        ReplicatorStatus end;
        try {
            end = stopped.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } finally {
            replicator.stop();
        }
        return new Outcome(end, statuses, errors, replicator.connectionCount());
    }

    /** Starts a continuous replicator and returns once it is idle (caught up). */
    static Replicator startContinuous(ReplicatorConfig config) throws Exception {
        Replicator replicator = new Replicator(config);
        CompletableFuture<ReplicatorStatus> idle = new CompletableFuture<>();
        replicator.addChangeListener(s -> {
            if (s.activity() == ReplicatorActivity.IDLE || s.activity() == ReplicatorActivity.STOPPED) {
                idle.complete(s);
            }
        });
        replicator.start();
        ReplicatorStatus s = idle.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (s.activity() != ReplicatorActivity.IDLE) {
            replicator.stop();
            throw new AssertionError("continuous replicator stopped instead of going idle: " + s);
        }
        return replicator;
    }

    /** Stops a replicator and waits until it is stopped; returns its final status. */
    static ReplicatorStatus stop(Replicator replicator) throws Exception {
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        replicator.addChangeListener(s -> {
            if (s.activity() == ReplicatorActivity.STOPPED) {
                stopped.complete(s);
            }
        });
        replicator.stop();
        if (replicator.status().activity() == ReplicatorActivity.STOPPED) {
            return replicator.status();
        }
        return stopped.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
