package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.BlobKey;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** c4j replicator against a c4j listener over the loopback transport. */
public class ReplicatorTest {
    @TempDir
    Path dir;
    private ReplPeers peers;

    @BeforeEach
    void setUp() {
        peers = new ReplPeers(dir);
    }

    @AfterEach
    void tearDown() {
        peers.close();
    }

    private static void putMany(Database db, String prefix, int count) {
        db.inBatch(() -> {
            for (int i = 0; i < count; i++) {
                ReplPeers.put(db, prefix + i, "{\"n\":" + i + ",\"from\":\"" + prefix + "\"}");
            }
        });
    }

    private ReplicatorStatus run(ReplicatorType type) {
        ReplicatorStatus end = peers.runOnce(peers.config(type).build());
        assertNull(end.error(), () -> "replication failed: " + end.error());
        return end;
    }

    @Test
    void pushesAThousandDocuments() {
        putMany(peers.local, "doc-", 1000);
        ReplicatorStatus end = run(ReplicatorType.PUSH);
        assertEquals(1000, end.documentCount());
        assertEquals(end.total(), end.completed());
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void pullsAThousandDocuments() {
        putMany(peers.remote, "doc-", 1000);
        ReplicatorStatus end = run(ReplicatorType.PULL);
        assertEquals(1000, end.documentCount());
        assertEquals(ReplPeers.snapshot(peers.remote), ReplPeers.snapshot(peers.local));
    }

    @Test
    void pushesAndPullsAThousandDocuments() {
        putMany(peers.local, "a-", 500);
        putMany(peers.remote, "b-", 500);
        run(ReplicatorType.PUSH_AND_PULL);
        Map<String, String> local = ReplPeers.snapshot(peers.local);
        assertEquals(1000, local.size());
        assertEquals(local, ReplPeers.snapshot(peers.remote));
    }

    @Test
    void deletionsReplicateBothWays() {
        putMany(peers.local, "a-", 10);
        putMany(peers.remote, "b-", 10);
        run(ReplicatorType.PUSH_AND_PULL);
        Collection lc = peers.local.defaultCollection();
        Collection rc = peers.remote.defaultCollection();
        lc.delete("a-3", lc.get("a-3").revId());
        lc.delete("b-4", lc.get("b-4").revId());
        rc.delete("a-5", rc.get("a-5").revId());
        run(ReplicatorType.PUSH_AND_PULL);
        for (String id : List.of("a-3", "b-4", "a-5")) {
            assertTrue(lc.get(id).isDeleted(), id);
            assertTrue(rc.get(id).isDeleted(), id);
        }
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void aConflictConvergesToTheSameWinnerOnBothSides() {
        ReplPeers.put(peers.local, "x", "{\"v\":0}");
        run(ReplicatorType.PUSH);
        ReplPeers.put(peers.local, "x", "{\"v\":\"local\"}");
        ReplPeers.put(peers.remote, "x", "{\"v\":\"remote\"}");
        ReplPeers.put(peers.remote, "x", "{\"v\":\"remote2\"}"); // higher generation: the default resolver picks it
        run(ReplicatorType.PUSH_AND_PULL);
        run(ReplicatorType.PUSH_AND_PULL);
        Document l = peers.local.defaultCollection().get("x");
        Document r = peers.remote.defaultCollection().get("x");
        assertEquals(l.revId(), r.revId());
        assertEquals("{\"v\":\"remote2\"}", l.body().toJson());
        assertFalse(l.isConflicted());
        assertFalse(r.isConflicted());
    }

    @Test
    void blobsFromEmptyToFiveMegabytesArriveByteExact() {
        int[] sizes = {0, 1, 100, 16 * 1024 + 7, 300_000, 5 * 1024 * 1024};
        Random rnd = new Random(42);
        byte[][] contents = new byte[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            contents[i] = new byte[sizes[i]];
            rnd.nextBytes(contents[i]);
            BlobKey key = peers.local.blobStore().create(contents[i]);
            Database owner = i % 2 == 0 ? peers.local : peers.remote;
            if (owner == peers.remote) {
                peers.remote.blobStore().create(contents[i]);
            }
            ReplPeers.put(owner, "blob-" + i, "{\"file\":{\"@type\":\"blob\",\"digest\":\"" + key
                    + "\",\"length\":" + sizes[i] + ",\"content_type\":\"application/octet-stream\"}}");
        }
        run(ReplicatorType.PUSH_AND_PULL);
        for (int i = 0; i < sizes.length; i++) {
            Database receiver = i % 2 == 0 ? peers.remote : peers.local;
            BlobKey key = BlobKey.of(contents[i]);
            assertNotNull(receiver.defaultCollection().get("blob-" + i), "blob-" + i);
            assertArrayEquals(contents[i], receiver.blobStore().getContents(key), "blob " + sizes[i] + " B");
        }
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void unicodeIdsAndValuesSurvive() {
        ReplPeers.put(peers.local, "ключ-🔑-鍵", "{\"text\":\"héllo wörld ✓ 𝄞\",\"emoji\":\"👩‍💻\"}");
        ReplPeers.put(peers.remote, "ümlaut-ß", "{\"v\":\"ζωή\"}");
        run(ReplicatorType.PUSH_AND_PULL);
        assertEquals("{\"text\":\"héllo wörld ✓ 𝄞\",\"emoji\":\"👩‍💻\"}",
                peers.remote.defaultCollection().get("ключ-🔑-鍵").body().toJson());
        assertEquals("{\"v\":\"ζωή\"}", peers.local.defaultCollection().get("ümlaut-ß").body().toJson());
    }

    @Test
    void continuousModePicksUpChangesOnEitherSide() {
        Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
        r.start();
        ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
        ReplPeers.put(peers.local, "from-local", "{\"v\":1}");
        ReplTestSupport.await(() -> peers.remote.defaultCollection().get("from-local") != null, "push of a new doc");
        ReplPeers.put(peers.remote, "from-remote", "{\"v\":2}");
        ReplTestSupport.await(() -> peers.local.defaultCollection().get("from-remote") != null, "pull of a new doc");
        ReplPeers.put(peers.local, "from-local", "{\"v\":3}");
        ReplTestSupport.await(() -> peers.remote.defaultCollection().get("from-local").body().toJson()
                .equals("{\"v\":3}"), "push of an update");
        ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle again");
        r.stop();
        ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
        assertNull(end.error());
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void checkpointsResumeWithoutResendingWhatWasAcknowledged() {
        putMany(peers.local, "a-", 100);
        putMany(peers.remote, "b-", 100);
        run(ReplicatorType.PUSH_AND_PULL);
        putMany(peers.local, "c-", 10);
        putMany(peers.remote, "d-", 7);

        List<DocumentReplication> events = new CopyOnWriteArrayList<>();
        Replicator second = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).build());
        second.addDocumentListener(events::add);
        second.start();
        assertNull(ReplTestSupport.awaitStopped(second).error());
        ReplTestSupport.await(() -> events.size() >= 17, "document events");
        assertEquals(10, events.stream().filter(DocumentReplication::pushed).count());
        assertEquals(7, events.stream().filter(e -> !e.pushed()).count());
        assertTrue(events.stream().filter(DocumentReplication::pushed).allMatch(e -> e.docId().startsWith("c-")));
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));

        // resetting the checkpoint looks at everything again, but the peer already has it all
        List<DocumentReplication> resetEvents = new CopyOnWriteArrayList<>();
        Replicator reset = peers.replicator(peers.config(ReplicatorType.PUSH).build());
        reset.addDocumentListener(resetEvents::add);
        assertNull(ReplTestSupport.startAndAwaitStopNotified(reset, true).error());
        assertTrue(resetEvents.stream().allMatch(e -> e.error() == null), resetEvents::toString);
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void docIdsAndFiltersLimitWhatIsReplicated() {
        putMany(peers.local, "a-", 10);
        putMany(peers.remote, "b-", 10);
        run(ReplicatorType.PUSH_AND_PULL); // baseline, then new changes below
        putMany(peers.local, "x-", 5);
        peers.runOnce(peers.config(ReplicatorType.PUSH).documentIds(List.of("x-1", "x-3")).build());
        assertNotNull(peers.remote.defaultCollection().get("x-1"));
        assertNotNull(peers.remote.defaultCollection().get("x-3"));
        assertNull(peers.remote.defaultCollection().get("x-2"));

        putMany(peers.local, "f-", 6);
        peers.runOnce(peers.config(ReplicatorType.PUSH)
                .pushFilter((c, id, rev, deleted, body) -> !id.startsWith("f-") || id.endsWith("2")).build());
        assertNotNull(peers.remote.defaultCollection().get("f-2"));
        assertNull(peers.remote.defaultCollection().get("f-1"));

        putMany(peers.remote, "p-", 6);
        peers.runOnce(peers.config(ReplicatorType.PULL)
                .pullFilter((c, id, rev, deleted, body) -> body.toJson().contains("\"n\":4")).build());
        assertNotNull(peers.local.defaultCollection().get("p-4"));
        assertNull(peers.local.defaultCollection().get("p-1"));
    }

    @Test
    void pendingDocumentIdsShrinkAsTheyArePushed() {
        putMany(peers.local, "a-", 5);
        ReplicatorConfig cfg = peers.config(ReplicatorType.PUSH)
                .pushFilter((c, id, rev, deleted, body) -> !id.equals("a-0")).build();
        Replicator r = peers.replicator(cfg);
        assertEquals(Set.of("a-1", "a-2", "a-3", "a-4"), r.pendingDocumentIds());
        assertTrue(r.isDocumentPending("a-2"));
        assertFalse(r.isDocumentPending("a-0"));
        r.start();
        assertNull(ReplTestSupport.awaitStopped(r).error());
        assertEquals(Set.of(), r.pendingDocumentIds());
        ReplPeers.put(peers.local, "a-3", "{\"changed\":true}");
        assertEquals(Set.of("a-3"), r.pendingDocumentIds());
        assertTrue(r.isDocumentPending("a-3"));
    }

    @Test
    void stopEndsAContinuousReplicationCleanly() {
        Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
        List<ReplicatorStatus> statuses = new CopyOnWriteArrayList<>();
        r.addChangeListener(statuses::add);
        r.start();
        ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
        r.stop();
        assertNull(ReplTestSupport.awaitStopped(r).error());
        ReplTestSupport.await(() -> statuses.get(statuses.size() - 1).activity() == ReplicatorActivity.STOPPED,
                "stopped status delivered");
        assertEquals(1, r.connectionCount());
    }
}
