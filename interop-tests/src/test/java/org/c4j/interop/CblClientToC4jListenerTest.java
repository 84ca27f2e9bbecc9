package org.c4j.interop;

import com.couchbase.lite.BasicAuthenticator;
import com.couchbase.lite.CouchbaseLiteException;
import com.couchbase.lite.ReplicatorConfiguration;
import com.couchbase.lite.ReplicatorType;
import com.couchbase.lite.SessionAuthenticator;
import com.couchbase.lite.URLEndpoint;
import org.c4j.Database;
import org.c4j.replicator.Listener;
import org.c4j.replicator.ListenerConfig;
import org.c4j.ws.WebSocketListenerTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.c4j.interop.Convergence.assertBlob;
import static org.c4j.interop.Convergence.assertConverged;
import static org.c4j.interop.Convergence.assertSameCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real Couchbase Lite 3.0.0 active replicator against a c4j {@link Listener} on the Java-WebSocket listener
 * transport (plain ws on 127.0.0.1, a free port): every scenario ends with both databases holding the same
 * documents, revision IDs and bodies, blobs byte-exact.
 */
class CblClientToC4jListenerTest {
    private static final int DOCS = 1000;
    /** Generous bound for continuous replication to carry one change; no timing is asserted beyond it. */
    private static final Duration CONTINUOUS_WAIT = Duration.ofSeconds(15);
    private static final String DB_NAME = "db";

    @TempDir
    Path dir;

    private Database c4j;
    private com.couchbase.lite.Database cbl;
    private Listener listener;
    private URI url;

    @BeforeEach
    void openDatabases() throws CouchbaseLiteException {
        c4j = Database.open(dir.resolve("c4j"));
        cbl = CblSide.open(dir.resolve("cbl"), "client");
    }

    @AfterEach
    void closeAll() throws CouchbaseLiteException {
        if (listener != null) {
            listener.stop();
        }
        cbl.close();
        c4j.close();
    }

    @Test
    void pushesAThousandDocuments() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = CblSide.fill(cbl, "cbl", DOCS);
        replicateOk(ReplicatorType.PUSH);
        assertConverged(cbl, c4j, ids);
        assertEquals(DOCS, c4j.defaultCollection().count());
    }

    @Test
    void pullsAThousandDocuments() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = C4jSide.fill(c4j, "c4j", DOCS);
        replicateOk(ReplicatorType.PULL);
        assertConverged(cbl, c4j, ids);
        assertEquals(DOCS, cbl.getCount());
    }

    @Test
    void pushesAndPullsAThousandDocumentsEachWay() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = new ArrayList<>(CblSide.fill(cbl, "cbl", DOCS));
        ids.addAll(C4jSide.fill(c4j, "c4j", DOCS));
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        assertEquals(2 * DOCS, cbl.getCount());
        assertSameCount(cbl, c4j);
    }

    @Test
    void deletionsPropagateBothWays() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = new ArrayList<>(CblSide.fill(cbl, "cbl", 30));
        ids.addAll(C4jSide.fill(c4j, "c4j", 30));
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        // Each side deletes documents that came from the other side and some of its own.
        for (int i = 0; i < 10; i++) {
            CblSide.delete(cbl, ids.get(30 + i));
            CblSide.delete(cbl, ids.get(i));
            C4jSide.delete(c4j, ids.get(10 + i));
            C4jSide.delete(c4j, ids.get(40 + i));
        }
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        assertEquals(20, cbl.getCount());
        assertSameCount(cbl, c4j);
        for (int i = 0; i < 10; i++) {
            assertTrue(c4j.defaultCollection().get(ids.get(30 + i)).isDeleted());
            assertNull(cbl.getDocument(ids.get(10 + i)));
        }
    }

    @Test
    void aConflictMadeOnBothSidesConvergesToTheSameWinner() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = TestDocs.CONFLICT_IDS;
        for (String id : ids) {
            C4jSide.save(c4j, id, TestDocs.small("base", 0));
        }
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        // Couchbase Lite's default resolver: a deletion wins, otherwise the longer history (higher revision).
        C4jSide.makeConflicts(c4j);
        CblSide.makeConflicts(cbl);

        // CBL's pusher parks each refused proposal until the pull brings our revision; its resolver then saves the
        // resolution as a new revision, which the one-shot run that found the conflict does not push: at the end of
        // that run LiteCore reports the parked proposals as push errors 409 "conflicts with server document"
        // (CBL 10409; they may reach the listener after the run stopped). The next run pushes the resolutions.
        CblSide.Outcome first = CblSide.replicate(cblConfig(ReplicatorType.PUSH_AND_PULL));
        assertNull(first.status().getError(), () -> "CBL replication failed: " + first.status().getError());
        for (CblSide.DocError e : first.documentErrors()) {
            assertTrue(e.push() && e.code() == 10409 && ids.contains(e.docId()), e::toString);
        }
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        assertEquals(TestDocs.small("c4j", 2), c4j.defaultCollection().get("c4j-wins").body().toMap());
        assertEquals(TestDocs.small("cbl", 2), c4j.defaultCollection().get("cbl-wins").body().toMap());
        assertTrue(c4j.defaultCollection().get("cbl-deletion-wins").isDeleted());
        assertTrue(c4j.defaultCollection().get("c4j-deletion-wins").isDeleted());
    }

    @Test
    void blobsOfEverySizeAreByteExactBothWays() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        Map<String, byte[]> fromCbl = TestDocs.blobContents(1);
        Map<String, byte[]> fromC4j = TestDocs.blobContents(2);
        CblSide.saveBlobs(cbl, "blobs-cbl", fromCbl);
        C4jSide.saveBlobs(c4j, "blobs-c4j", fromC4j);
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, List.of("blobs-cbl", "blobs-c4j"));
        for (String property : TestDocs.BLOB_SIZES.keySet()) {
            assertBlob(cbl, c4j, "blobs-cbl", property, fromCbl.get(property));
            assertBlob(cbl, c4j, "blobs-c4j", property, fromC4j.get(property));
        }
    }

    @Test
    void fiveMegabyteDocumentsTravelBothWays() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        CblSide.save(cbl, "large-cbl", TestDocs.large("cbl", 1));
        C4jSide.save(c4j, "large-c4j", TestDocs.large("c4j", 2));
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, List.of("large-cbl", "large-c4j"));
    }

    @Test
    void unicodeDocumentIdsAndValuesTravelBothWays() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> ids = new ArrayList<>();
        for (String id : TestDocs.UNICODE_IDS) {
            CblSide.save(cbl, id + "\u00b7cbl", TestDocs.unicode(id, "cbl"));
            C4jSide.save(c4j, id + "\u00b7c4j", TestDocs.unicode(id, "c4j"));
            ids.add(id + "\u00b7cbl");
            ids.add(id + "\u00b7c4j");
        }
        replicateOk(ReplicatorType.PUSH_AND_PULL);
        assertConverged(cbl, c4j, ids);
        assertSameCount(cbl, c4j);
    }

    @Test
    void continuousModePicksUpChangesOnEitherSide() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls());
        List<String> initial = CblSide.fill(cbl, "before", 10);
        com.couchbase.lite.Replicator replicator = CblSide.startContinuous(cblConfig(ReplicatorType.PUSH_AND_PULL));
        try {
            Convergence.await(CONTINUOUS_WAIT, "initial documents on c4j",
                () -> Convergence.converged(cbl, c4j, initial));
            CblSide.save(cbl, "live-cbl", TestDocs.small("cbl", 1));
            Convergence.await(CONTINUOUS_WAIT, "a CBL change reaches c4j",
                () -> Convergence.converged(cbl, c4j, List.of("live-cbl")));
            C4jSide.save(c4j, "live-c4j", TestDocs.small("c4j", 1));
            Convergence.await(CONTINUOUS_WAIT, "a c4j change reaches CBL",
                () -> Convergence.converged(cbl, c4j, List.of("live-c4j")));
            C4jSide.save(c4j, "live-cbl", TestDocs.small("c4j", 2));
            CblSide.delete(cbl, "live-c4j");
            Convergence.await(CONTINUOUS_WAIT, "an update and a deletion cross",
                () -> Convergence.converged(cbl, c4j, List.of("live-cbl", "live-c4j")));
        } finally {
            CblSide.stop(replicator);
        }
        assertNull(replicator.getStatus().getError(), () -> "continuous replication failed: "
            + replicator.getStatus().getError());
        assertEquals(TestDocs.small("c4j", 2), CblSide.body(cbl, "live-cbl"));
        assertTrue(c4j.defaultCollection().get("live-c4j").isDeleted());
    }

    @Test
    void basicAuthAcceptsTheRightPasswordAndRefusesAWrongOneWith401() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls()
            .authenticator((user, password) -> user.equals("alice") && password.equals("s3cret")));
        List<String> ids = CblSide.fill(cbl, "cbl", 20);

        assertRefusedWith401(cblConfig(ReplicatorType.PUSH_AND_PULL)
            .setAuthenticator(new BasicAuthenticator("alice", "wrong".toCharArray())));
        assertRefusedWith401(cblConfig(ReplicatorType.PUSH_AND_PULL));

        replicateOk(cblConfig(ReplicatorType.PUSH_AND_PULL)
            .setAuthenticator(new BasicAuthenticator("alice", "s3cret".toCharArray())));
        assertConverged(cbl, c4j, ids);
    }

    @Test
    void sessionAuthAcceptsAValidSessionAndRefusesAnotherWith401() throws Exception {
        startListener(WebSocketListenerTransport.builder().disableTls().sessionAuthenticator("b8a1c0ffee"::equals));
        List<String> ids = CblSide.fill(cbl, "cbl", 20);

        assertRefusedWith401(cblConfig(ReplicatorType.PUSH_AND_PULL)
            .setAuthenticator(new SessionAuthenticator("deadbeef")));
        assertRefusedWith401(cblConfig(ReplicatorType.PUSH_AND_PULL)
            .setAuthenticator(new SessionAuthenticator("b8a1c0ffee", "OtherCookie")));

        replicateOk(cblConfig(ReplicatorType.PUSH_AND_PULL)
            .setAuthenticator(new SessionAuthenticator("b8a1c0ffee")));
        assertConverged(cbl, c4j, ids);
    }

    // ---- helpers

    private void startListener(WebSocketListenerTransport.Builder transport) {
        listener = new Listener(transport.networkInterface("127.0.0.1").port(0).build(),
            ListenerConfig.of(c4j).withDatabaseName(DB_NAME));
        listener.start();
        url = listener.urls().get(0);
        assertEquals("ws://127.0.0.1:" + listener.port() + "/" + DB_NAME, url.toString());
    }

    private ReplicatorConfiguration cblConfig(ReplicatorType type) {
        return new ReplicatorConfiguration(cbl, new URLEndpoint(url)).setType(type);
    }

    private void replicateOk(ReplicatorType type) throws Exception {
        replicateOk(cblConfig(type));
    }

    private static void replicateOk(ReplicatorConfiguration config) throws Exception {
        CblSide.Outcome outcome = CblSide.replicate(config);
        assertNull(outcome.status().getError(), () -> "CBL replication failed: " + outcome.status().getError());
        assertEquals(List.of(), outcome.documentErrors(), "CBL reported document errors");
    }

    /** The replication fails with CBL's HTTP 401 error and the c4j database stays untouched. */
    private void assertRefusedWith401(ReplicatorConfiguration config) throws Exception {
        long sequenceBefore = c4j.defaultCollection().lastSequence();
        CblSide.Outcome outcome = CblSide.replicate(config);
        assertNotNull(outcome.status().getError(), "an unauthenticated replication must fail");
        assertEquals(10401, outcome.status().getError().getCode(), outcome.status().getError()::toString);
        assertEquals(sequenceBefore, c4j.defaultCollection().lastSequence(), "c4j database changed");
        assertEquals(0, c4j.defaultCollection().count());
        assertEquals(0, listener.status().connectionCount());
    }
}
