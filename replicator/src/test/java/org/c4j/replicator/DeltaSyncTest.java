package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.c4j.Body;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delta sync c4j <-> c4j over the loopback listener transport: pushes and pulls of edited ~3 KB documents go as
 * {@code deltaSrc} revs (counted with the revision-transfer hooks on both sides) and end with equal bodies; a
 * listener relaying edits between two clients sends deltas thanks to its kept previous bodies; deltas off on either
 * side means full bodies only; a delta the receiver can't apply (its base body differs) is refused with 422 and the
 * full body follows, whether the receiver is the listener or the active puller.
 */
class DeltaSyncTest {
    private static final int DOCS = 20;

    @TempDir
    Path dir;

    /** Revisions a side sent and received. */
    static final class Transfers {
        final List<RevisionTransfer> all = new CopyOnWriteArrayList<>();

        long received(boolean delta) {
            return all.stream().filter(t -> !t.sent() && t.isDelta() == delta).count();
        }

        long sent(boolean delta) {
            return all.stream().filter(t -> t.sent() && t.isDelta() == delta).count();
        }

        void clear() {
            all.clear();
        }
    }

    private final Transfers listenerSide = new Transfers();
    private final Transfers clientSide = new Transfers();

    private ReplPeers peers(boolean listenerDeltas) {
        UnaryOperator<ListenerConfig> cfg = c -> c.withDeltaSync(listenerDeltas)
                .withReplication(c.replication().withRevisionTransfers(listenerSide.all::add));
        return new ReplPeers(dir, cfg);
    }

    /** A ~3 KB document: a counter, a long text and some structure. */
    static Map<String, Object> doc(int i, int edit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i);
        m.put("edit", edit);
        StringBuilder text = new StringBuilder();
        for (int w = 0; text.length() < 2800; w++) {
            text.append("word").append((w * 7 + i) % 97).append(' ');
        }
        m.put("text", text.toString());
        m.put("tags", List.of("a", "b", "c" + i));
        m.put("nested", Map.of("x", i, "y", "value " + i));
        return m;
    }

    static void saveAll(Database db, int edit) {
        db.inBatch(() -> {
            for (int i = 0; i < DOCS; i++) {
                Document d = db.defaultCollection().get("doc" + i);
                db.defaultCollection().save("doc" + i, d == null ? null : d.revId(), Body.fromMap(doc(i, edit)));
            }
        });
    }

    private ReplicatorConfig config(ReplPeers p, ReplicatorType type, boolean deltas) {
        return p.config(type).deltas(deltas).revisionTransfers(clientSide.all::add).build();
    }

    private static void assertOk(ReplicatorStatus s) {
        assertNull(s.error(), () -> "replication failed: " + s);
    }

    @Test
    void pushedEditsGoAsDeltas() {
        try (ReplPeers p = peers(true)) {
            saveAll(p.local, 0);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertEquals(DOCS, listenerSide.received(false), "first revisions have no base");
            listenerSide.clear();
            clientSide.clear();

            saveAll(p.local, 1);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertEquals(DOCS, listenerSide.received(true));
            assertEquals(0, listenerSide.received(false));
            assertEquals(DOCS, clientSide.sent(true));
            for (RevisionTransfer t : listenerSide.all) {
                assertTrue(t.bodyBytes() < 100, () -> "a one-field edit is a small delta: " + t);
            }
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    @Test
    void pulledEditsGoAsDeltas() {
        try (ReplPeers p = peers(true)) {
            saveAll(p.remote, 0);
            assertOk(p.runOnce(config(p, ReplicatorType.PULL, true)));
            clientSide.clear();
            listenerSide.clear();

            saveAll(p.remote, 1); // edited on the listener's side: its tree drops the old bodies, kept ones serve
            assertOk(p.runOnce(config(p, ReplicatorType.PULL, true)));
            assertEquals(DOCS, clientSide.received(true));
            assertEquals(0, clientSide.received(false));
            assertEquals(DOCS, listenerSide.sent(true));
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    @Test
    void aListenerRelaysDeltasBetweenTwoClients() throws Exception {
        try (ReplPeers p = peers(true); Database other = Database.open(dir.resolve("other"))) {
            saveAll(p.local, 0);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            Transfers otherSide = new Transfers();
            ReplicatorConfig pullOther = ReplicatorConfig.builder(other, java.net.URI.create("ws://loopback:4984/db"))
                    .type(ReplicatorType.PULL).socketFactory(p.transport.factory(p.loopback)).scheduler(p.scheduler)
                    .revisionTransfers(otherSide.all::add).build();
            assertOk(p.runOnce(pullOther));
            otherSide.clear();
            listenerSide.clear();

            saveAll(p.local, 1); // edited by one client, pushed to the listener, pulled by the other
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertOk(p.runOnce(pullOther));
            assertEquals(DOCS, listenerSide.received(true));
            assertEquals(DOCS, listenerSide.sent(true), "the listener had only the kept previous bodies as bases");
            assertEquals(DOCS, otherSide.received(true));
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(other));
        }
    }

    @Test
    void aListenerWithDeltaSyncOffGetsAndSendsFullBodies() {
        try (ReplPeers p = peers(false)) {
            saveAll(p.local, 0);
            saveAll(p.remote, 0);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH_AND_PULL, true)));
            saveAll(p.local, 1);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            saveAll(p.remote, 2);
            assertOk(p.runOnce(config(p, ReplicatorType.PULL, true)));
            assertEquals(0, listenerSide.received(true) + listenerSide.sent(true));
            assertEquals(0, clientSide.received(true) + clientSide.sent(true));
            assertTrue(listenerSide.received(false) > 0 && clientSide.received(false) > 0);
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    @Test
    void aClientWithNoDeltasGetsAndSendsFullBodies() {
        try (ReplPeers p = peers(true)) {
            saveAll(p.local, 0);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH_AND_PULL, false)));
            saveAll(p.local, 1);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, false)));
            saveAll(p.remote, 2);
            assertOk(p.runOnce(config(p, ReplicatorType.PULL, false)));
            assertEquals(0, listenerSide.received(true) + listenerSide.sent(true));
            assertEquals(0, clientSide.received(true) + clientSide.sent(true));
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    private static Map<String, Object> blobRef(Database db, byte[] content) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("@type", "blob");
        ref.put("content_type", "application/octet-stream");
        ref.put("digest", db.blobStore().create(content).toString());
        ref.put("length", (long) content.length);
        return ref;
    }

    @Test
    void aDeltaThatChangesABlobBringsTheNewBlobAlong() {
        try (ReplPeers p = peers(true)) {
            byte[] first = "the first attachment".repeat(50).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] second = "the second attachment".repeat(50).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Map<String, Object> body = doc(1, 0);
            body.put("photo", blobRef(p.local, first));
            p.local.defaultCollection().save("b", null, Body.fromMap(body));
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));

            body.put("edit", 1L); // an edit beside the blob
            p.local.defaultCollection().save("b", p.local.defaultCollection().get("b").revId(), Body.fromMap(body));
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            body.put("photo", blobRef(p.local, second)); // the blob itself replaced: the delta names a new digest
            p.local.defaultCollection().save("b", p.local.defaultCollection().get("b").revId(), Body.fromMap(body));
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));

            assertEquals(2, listenerSide.received(true));
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
            Object digest = ((Map<?, ?>) p.remote.defaultCollection().get("b").body().toMap().get("photo"))
                    .get("digest");
            assertTrue(java.util.Arrays.equals(second,
                    p.remote.blobStore().getContents(org.c4j.BlobKey.parse((String) digest))));
        }
    }

    @Test
    void smallBodiesGoWhole() {
        try (ReplPeers p = peers(true)) {
            ReplPeers.put(p.local, "small", "{\"n\":1}");
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            ReplPeers.put(p.local, "small", "{\"n\":2}");
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertEquals(0, listenerSide.received(true));
            assertEquals(2, listenerSide.received(false));
        }
    }

    /**
     * Gives both databases revision {@code 1-aaaa...} of doc "clash" with different bodies (as if one had been
     * tampered with), so a delta made against one doesn't apply to the other.
     */
    private static String clash(Database a, Database b, int remoteIdOfBOnA) {
        String rev1 = "1-" + "a".repeat(40);
        Map<String, Object> base = doc(1, 0);
        a.defaultCollection().insertExisting(InsertRequest.of("clash", List.of(rev1), Body.fromMap(base))
                .withRemoteId(remoteIdOfBOnA));
        Map<String, Object> other = new LinkedHashMap<>(base);
        other.put("text", "a different text of another length, long enough for a string delta: "
                + "x".repeat(100));
        b.defaultCollection().insertExisting(InsertRequest.of("clash", List.of(rev1), Body.fromMap(other)));
        Map<String, Object> edited = new LinkedHashMap<>(base);
        edited.put("text", ((String) base.get("text")).replace("word1 ", "WORD1 "));
        a.defaultCollection().save("clash", rev1, Body.fromMap(edited));
        return rev1;
    }

    @Test
    void aDeltaTheListenerCannotApplyIsRefusedAndTheFullBodyFollows() {
        try (ReplPeers p = peers(true)) {
            int remoteId = p.local.remoteId("ws://loopback:4984/db");
            clash(p.local, p.remote, remoteId);
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertEquals(1, listenerSide.received(true), "the delta came and was refused with 422");
            assertEquals(1, listenerSide.received(false), "then the full body, with no new change list");
            assertEquals(p.local.defaultCollection().get("clash").body(), p.remote.defaultCollection().get("clash")
                    .body());
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    @Test
    void aDeltaProposedAgainAfterA409GoesAsADelta() {
        try (ReplPeers p = peers(true)) {
            clash(p.local, p.remote, 0); // no remote marker: the first proposal has no parent and gets a 409
            assertOk(p.runOnce(config(p, ReplicatorType.PUSH, true)));
            assertEquals(1, listenerSide.received(true), "the delta came and was refused with 422");
            assertEquals(1, listenerSide.received(false), "then the full body");
            assertEquals(ReplPeers.snapshot(p.local), ReplPeers.snapshot(p.remote));
        }
    }

    @Test
    void aDeltaThePullerCannotApplyIsRefusedAndTheFullBodyFollows() {
        try (ReplPeers p = peers(true)) {
            clash(p.remote, p.local, 0);
            // the puller lists 1-aaa as its ancestor; the listener's delta against its own 1-aaa won't apply
            assertOk(p.runOnce(config(p, ReplicatorType.PULL, true)));
            assertEquals(1, clientSide.received(true));
            assertEquals(1, clientSide.received(false));
            assertEquals(p.remote.defaultCollection().get("clash").body(), p.local.defaultCollection().get("clash")
                    .body());
        }
    }
}
