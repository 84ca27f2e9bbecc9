package org.c4j.interop;

import com.couchbase.lite.BasicAuthenticator;
import com.couchbase.lite.Blob;
import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.Database;
import com.couchbase.lite.DatabaseConfiguration;
import com.couchbase.lite.Document;
import com.couchbase.lite.MutableDocument;
import com.couchbase.lite.Replicator;
import com.couchbase.lite.ReplicatorActivityLevel;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorStatus;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.URLEndpoint;
import org.c4j.interop.LiteCorePassivePeer.SessionEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bridge is a real passive peer: the real CBL 3.0.0 active replicator pushes to and pulls from it. */
class LiteCorePassivePeerTest {
    private static final int DOCS = 100;
    private static final long REPLICATION_TIMEOUT_SECONDS = 60;
    private static final byte[] BLOB = "blob bytes that travel both ways".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Database serverDb;
    private Database clientDb;

    @BeforeEach
    void openDatabases() throws CouchbaseLiteException {
        RealCbl.init();
        serverDb = new Database("server", new DatabaseConfiguration().setDirectory(dir.resolve("s").toString()));
        clientDb = new Database("client", new DatabaseConfiguration().setDirectory(dir.resolve("c").toString()));
    }

    @AfterEach
    void closeDatabases() throws CouchbaseLiteException {
        clientDb.close();
        serverDb.close();
    }

    @Test
    void activeCblPushesAndPullsThroughTheBridge() throws Exception {
        fill(clientDb, "client");
        fill(serverDb, "server");
        List<SessionEnd> sessions;
        try (LiteCorePassivePeer peer = LiteCorePassivePeer.start(serverDb, LiteCorePassivePeer.Config.DEFAULT)) {
            ReplicatorStatus status = replicate(new ReplicatorConfiguration(clientDb, new URLEndpoint(peer.url())));
            assertNull(status.getError(), () -> "replication failed: " + status.getError());
            sessions = peer.awaitSessionsEnded(Duration.ofSeconds(REPLICATION_TIMEOUT_SECONDS));
        }
        assertEquals(1, sessions.size());
        assertTrue(sessions.get(0).clean(), sessions::toString);
        for (Database db : List.of(serverDb, clientDb)) {
            assertEquals(2 * DOCS, db.getCount(), db.getName());
            assertHasAll(db, "client");
            assertHasAll(db, "server");
        }
    }

    @Test
    void basicAuthIsChallengedAndChecked() throws Exception {
        fill(clientDb, "client");
        LiteCorePassivePeer.Config config = LiteCorePassivePeer.Config.DEFAULT.withBasicAuth("alice", "s3cret");
        try (LiteCorePassivePeer peer = LiteCorePassivePeer.start(serverDb, config)) {
            ReplicatorConfiguration wrong = new ReplicatorConfiguration(clientDb, new URLEndpoint(peer.url()))
                .setType(ReplicatorType.PUSH)
                .setAuthenticator(new BasicAuthenticator("alice", "nope".toCharArray()));
            ReplicatorStatus refused = replicate(wrong);
            assertNotNull(refused.getError());
            assertEquals(10401, refused.getError().getCode(), refused.getError()::toString);
            assertEquals(0, serverDb.getCount());

            ReplicatorConfiguration right = new ReplicatorConfiguration(clientDb, new URLEndpoint(peer.url()))
                .setType(ReplicatorType.PUSH)
                .setAuthenticator(new BasicAuthenticator("alice", "s3cret".toCharArray()));
            ReplicatorStatus accepted = replicate(right);
            assertNull(accepted.getError(), () -> "replication failed: " + accepted.getError());
        }
        assertEquals(DOCS, serverDb.getCount());
        assertHasAll(serverDb, "client");
    }

    @Test
    void refusesPushesWhenPushIsNotAllowed() throws Exception {
        fill(clientDb, "client");
        LiteCorePassivePeer.Config config = LiteCorePassivePeer.Config.DEFAULT.withAllowPush(false);
        try (LiteCorePassivePeer peer = LiteCorePassivePeer.start(serverDb, config)) {
            ReplicatorStatus status = replicate(new ReplicatorConfiguration(clientDb, new URLEndpoint(peer.url()))
                .setType(ReplicatorType.PUSH));
            assertNotNull(status.getError());
            assertEquals(10403, status.getError().getCode(), status.getError()::toString);
        }
        assertEquals(0, serverDb.getCount());
    }

    /** Saves DOCS documents named {@code <prefix>-<i>}; the first one carries a blob. */
    private static void fill(Database db, String prefix) throws Exception {
        db.inBatch(() -> {
            for (int i = 0; i < DOCS; i++) {
                MutableDocument doc = new MutableDocument(prefix + "-" + i);
                doc.setInt("n", i);
                doc.setString("origin", prefix);
                if (i == 0) {
                    doc.setBlob("attachment", new Blob("application/octet-stream", BLOB));
                }
                db.save(doc);
            }
        });
    }

    private static void assertHasAll(Database db, String prefix) {
        for (int i = 0; i < DOCS; i++) {
            Document doc = db.getDocument(prefix + "-" + i);
            assertNotNull(doc, () -> db.getName() + " lacks a document from " + prefix);
            assertEquals(prefix, doc.getString("origin"));
            assertEquals(i, doc.getInt("n"));
        }
        Blob blob = db.getDocument(prefix + "-0").getBlob("attachment");
        assertNotNull(blob, () -> db.getName() + " lacks the blob from " + prefix);
        assertArrayEquals(BLOB, blob.getContent());
    }

    /** Runs a one-shot replication to completion and returns its final status. */
    private static ReplicatorStatus replicate(ReplicatorConfiguration config) throws Exception {
        Replicator replicator = new Replicator(config.setContinuous(false));
        CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
        replicator.addChangeListener(change -> {
            if (change.getStatus().getActivityLevel() == ReplicatorActivityLevel.STOPPED) {
                stopped.complete(change.getStatus());
            }
        });
        replicator.start();
        return stopped.get(REPLICATION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
