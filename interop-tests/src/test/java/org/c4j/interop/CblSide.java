package org.c4j.interop;

import com.couchbase.lite.Blob;
import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.Document;
import com.couchbase.lite.LiteCoreException;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.ReplicatedDocument;
import com.couchbase.lite.Replicator;
import com.couchbase.lite.ReplicatorActivityLevel;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorStatus;
import com.couchbase.lite.internal.core.C4Constants;
import com.couchbase.lite.internal.core.C4Database;
import com.couchbase.lite.internal.core.C4Document;
import org.c4j.Body;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The real Couchbase Lite 3.0.0 side of the interop scenarios: opening a database, saving documents, reading a
 * document's current revision (also of tombstones, through LiteCore's own document object) and its body in a form
 * comparable with c4j's, and running its replicator. Thread-safe as far as Couchbase Lite is.
 */
final class CblSide {
    /** A one-shot replication never needs nearly this long; the bound only keeps a hang from stalling the build. */
    static final long REPLICATION_TIMEOUT_SECONDS = 120;

    /** A document's current revision as LiteCore stores it (tombstones included). */
    record Rev(String revId, boolean deleted, boolean conflicted) { }

    /** How a one-shot replication ended: its final status and the per-document errors reported until then. */
    record Outcome(ReplicatorStatus status, List<DocError> documentErrors) { }

    /** A document that failed to replicate: which way, its ID, CBL's error code and message. */
    record DocError(boolean push, String docId, int code, String message) {
        @Override
        public String toString() {
            return (push ? "push " : "pull ") + docId + ": " + code + " " + message;
        }
    }

    private CblSide() { }

    static Database open(Path dir, String name) throws CouchbaseLiteException {
        RealCbl.init();
        return new Database(name, new DatabaseConfiguration().setDirectory(dir.toString()));
    }

    /** Saves {@code body} as the next revision of {@code docId} (a new document if it doesn't exist). */
    static void save(Database db, String docId, Map<String, Object> body) throws CouchbaseLiteException {
        Document current = db.getDocument(docId);
        MutableDocument doc = current == null ? new MutableDocument(docId) : current.toMutable();
        db.save(doc.setData(body));
    }

    /** Saves {@code count} {@link TestDocs#small} documents {@code <prefix>-NNNN} in one batch; returns their IDs. */
    static List<String> fill(Database db, String prefix, int count) throws Exception {
        List<String> ids = TestDocs.ids(prefix, count);
        db.inBatch(() -> {
            for (int i = 0; i < count; i++) {
                save(db, ids.get(i), TestDocs.small(prefix, i));
            }
        });
        return ids;
    }

    /** Deletes the current revision of {@code docId}, which must exist. */
    static void delete(Database db, String docId) throws CouchbaseLiteException {
        Document current = db.getDocument(docId);
        assertNotNull(current, () -> "cannot delete missing " + docId);
        db.delete(current);
    }

    /**
     * Saves document {@code docId}: {@code "origin": "cbl"} and one blob property per entry of {@code blobs}, in
     * its order.
     */
    static void saveBlobs(Database db, String docId, Map<String, byte[]> blobs) throws CouchbaseLiteException {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("origin", "cbl"));
        blobs.forEach((property, content) -> body.put(property, new Blob("application/octet-stream", content)));
        save(db, docId, body);
    }

    /** The Couchbase Lite side's changes of the conflict scenario ({@link TestDocs#CONFLICT_IDS}, which must exist). */
    static void makeConflicts(Database db) throws CouchbaseLiteException {
        save(db, "c4j-wins", TestDocs.small("cbl", 1));
        save(db, "cbl-wins", TestDocs.small("cbl", 1));
        save(db, "cbl-wins", TestDocs.small("cbl", 2));
        delete(db, "cbl-deletion-wins");
        save(db, "c4j-deletion-wins", TestDocs.small("cbl", 1));
        save(db, "c4j-deletion-wins", TestDocs.small("cbl", 2));
    }

    /** The current revision of {@code docId}, tombstones included, or null if the database has no such document. */
    static Rev rev(Database db, String docId) {
        C4Database c4 = LiteCorePassivePeer.openC4Database(db);
        try (C4Document doc = c4.get(docId, false)) {
            if (!doc.exists()) {
                return null;
            }
            int flags = doc.getFlags();
            return new Rev(doc.getRevID(), (flags & C4Constants.DocumentFlags.DELETED) != 0,
                (flags & C4Constants.DocumentFlags.CONFLICTED) != 0);
        } catch (LiteCoreException e) {
            if (e.code == C4Constants.LiteCoreError.NOT_FOUND) {
                return null;
            }
            throw new IllegalStateException("reading " + docId, e);
        }
    }

    /** The body of the live document {@code docId} as c4j's {@link Body#toMap()} values, or null if none. */
    static Map<String, Object> body(Database db, String docId) {
        Document doc = db.getDocument(docId);
        return doc == null ? null : Body.fromJson(doc.toJSON()).toMap();
    }

    /** Runs a one-shot replication to its end. */
    static Outcome replicate(ReplicatorConfiguration config) throws Exception {
        return replicate(config, doc -> { });
    }

    /** Runs a one-shot replication to its end, showing {@code onDocument} every replicated document event. */
    static Outcome replicate(ReplicatorConfiguration config,
                             java.util.function.Consumer<ReplicatedDocument> onDocument) throws Exception {
        Replicator replicator = new Replicator(config.setContinuous(false));
        List<DocError> errors = new CopyOnWriteArrayList<>();
        replicator.addDocumentReplicationListener(change -> {
            for (ReplicatedDocument doc : change.getDocuments()) {
                onDocument.accept(doc);
                if (doc.getError() != null) {
                    errors.add(new DocError(change.isPush(), doc.getID(), doc.getError().getCode(),
                        doc.getError().getMessage()));
                }
            }
        });
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        replicator.addChangeListener(change -> {
            if (change.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                stopped.complete(change.getStatus());
            }
        });
        replicator.start();
        return new Outcome(stopped.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS), errors);
    }

    /** Starts a continuous replicator and returns once it is idle (caught up). Stop it with {@link #stop}. */
    static Replicator startContinuous(ReplicatorConfiguration config) throws Exception {
        Replicator replicator = new Replicator(config.setContinuous(true));
        CompletableFuture<ReplicatorStatus> idle = new CompletableFuture<>();
        replicator.addChangeListener(change -> {
            ReplicatorStatus s = change.getStatus();
            if (s.getActivityLevel() == ReplicatorActivityLevel.IDLE
                    || s.getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                idle.complete(s);
            }
        });
        replicator.start();
        ReplicatorStatus s = idle.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (s.getActivityLevel() != ReplicatorActivityLevel.IDLE) {
            throw new AssertionError("continuous replicator stopped instead of going idle: " + s);
        }
        return replicator;
    }

    /** Stops a replicator and waits until it is stopped. */
    static void stop(Replicator replicator) throws Exception {
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        replicator.addChangeListener(change -> {
            if (change.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                stopped.complete(change.getStatus());
            }
        });
        replicator.stop();
        if (replicator.getStatus().getActivityLevel() != ReplicatorActivityLevel.STOPPED) {
            stopped.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
