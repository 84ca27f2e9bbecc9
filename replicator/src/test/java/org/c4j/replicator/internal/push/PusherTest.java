package org.c4j.replicator.internal.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.c4j.blip.IncomingMessage;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.Direction;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.core.ReplicationHooks;
import org.c4j.replicator.internal.core.ScriptedPeer;
import org.c4j.replicator.internal.core.TestReplContext;
import org.c4j.replicator.internal.core.WorkerStatus;
import org.c4j.replicator.internal.wire.Json;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The active push: changes feed -> proposeChanges -> rev, against a scripted LiteCore-like receiver. */
public class PusherTest {
    @TempDir
    Path tmp;
    PushHarness h;
    TestReplContext ctx;
    Database peerDb;
    ScriptedPeer peer;
    Pusher pusher;
    Collection local;

    @BeforeEach
    void setUp() {
        h = new PushHarness(tmp);
        ctx = h.ctx;
        local = h.local;
        peerDb = h.peerDb;
        peer = h.peer;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pusher != null) {
            pusher.stop();
            h.awaitActivity(Activity.STOPPED);
        }
        h.close();
    }

    private void start(boolean continuous) {
        pusher = h.pusher();
        h.start();
        pusher.startActive(0, continuous);
    }

    private Document save(String id, String json) {
        Document d = local.get(id);
        return local.save(id, d == null ? null : d.revId(), Body.fromJson(json));
    }

    private void awaitStopped() {
        h.awaitActivity(Activity.STOPPED);
    }

    private void awaitIdle() {
        h.awaitActivity(Activity.IDLE);
    }

    private List<DocumentEnded> ended() {
        return new ArrayList<>(ctx.ended);
    }

    private static List<List<Object>> entries(IncomingMessage list) {
        @SuppressWarnings("unchecked")
        List<List<Object>> e = (List<List<Object>>) Json.parse(list.body(), "test");
        return e;
    }

    @Test
    void oneShotPushMatchesTheVectorsAndRecordsProgress() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            docs.add(save("cli-000000" + i, "{\"name\":\"Document number " + i + "\",\"score\":" + i + "}"));
        }
        start(false);

        IncomingMessage list = peer.nextList();
        assertEquals(Map.of("Profile", "proposeChanges", "conflictIncludesRev", "true"), list.properties());
        assertTrue(list.isUrgent());
        assertTrue(list.isCompressed());
        List<List<Object>> e = entries(list);
        assertEquals(5, e.size());
        for (int i = 0; i < 5; i++) {
            Document d = docs.get(i);
            assertEquals(List.of(d.id(), d.revId(), ""), e.get(i).subList(0, 3));
            assertTrue(((Long) e.get(i).get(3)) > 0, "body size");
        }
        for (int i = 0; i < 5; i++) {
            IncomingMessage rev = peer.nextRev();
            Document d = docs.get(i);
            assertEquals(List.of("Profile", "id", "rev", "sequence", "noconflicts"),
                    new ArrayList<>(rev.properties().keySet()));
            assertEquals(Map.of("Profile", "rev", "id", d.id(), "rev", d.revId(),
                    "sequence", Long.toString(d.sequence()), "noconflicts", "1"), rev.properties());
            assertTrue(rev.isCompressed());
            assertEquals(d.body().toJson(), ScriptedPeer.text(rev));
        }
        awaitStopped();
        assertEquals(new WorkerStatus(Activity.STOPPED, 5, 5), ctx.lastStatus());
        assertTrue(ctx.statuses.stream().anyMatch(s -> s.activity() == Activity.BUSY));
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), h.pending());
        assertEquals(Set.of(1L, 2L, 3L, 4L, 5L), Set.copyOf(h.completed()));
        assertEquals(5, ctx.ended.size());
        assertTrue(ended().stream().allMatch(ev -> ev.error() == null && ev.direction() == Direction.PUSH));
        for (Document d : docs) {
            Document now = local.get(d.id());
            assertEquals(d.revId(), now.remoteRevId(ctx.remoteId()), "remote marker");
            assertEquals(d.sequence(), now.sequence(), "a marker doesn't move the document");
            assertEquals(d.revId(), peerDb.defaultCollection().get(d.id()).revId());
        }
        assertTrue(ctx.fatals.isEmpty());
    }

    @Test
    void nothingToPushSendsAnEmptyNoReplyListAndStops() {
        start(false);
        IncomingMessage list = peer.nextList();
        assertTrue(list.isNoReply());
        assertTrue(list.isUrgent());
        assertFalse(list.isCompressed());
        assertEquals("[]", ScriptedPeer.text(list));
        awaitStopped();
        assertEquals(new WorkerStatus(Activity.STOPPED, 0, 0), ctx.lastStatus());
    }

    @Test
    void readsTheFeedInBatchesOf200() throws Exception {
        local.database().inBatch(() -> {
            for (int i = 0; i < 450; i++) {
                local.save(String.format("doc-%04d", i), null, Body.fromJson("{\"i\":" + i + "}"));
            }
        });
        start(false);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sizes.add(entries(peer.nextList()).size());
        }
        assertEquals(List.of(200, 200, 50), sizes);
        awaitStopped();
        assertEquals(new WorkerStatus(Activity.STOPPED, 450, 450), ctx.lastStatus());
        assertEquals(450, peer.revs.size());
        assertNull(peer.listWithin(Duration.ofMillis(50)), "no empty list after a non-empty last batch");
        assertTrue(h.outstanding().isEmpty());
    }

    @Test
    void repliesPerEntry304And409AndOtherStatusesEndDocuments() {
        save("a", "{\"v\":1}");
        save("b", "{\"v\":1}");
        Document c = save("c", "{\"v\":1}");
        save("d", "{\"v\":1}");
        peer.listScript = rq -> new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS,
                "[304,{\"status\":409,\"rev\":\"7-abcdef\"},0,403]");
        start(false);
        IncomingMessage rev = peer.nextRev();
        assertEquals(c.id(), rev.property("id"));
        awaitStopped();
        assertTrue(peer.revs.isEmpty(), "only c is sent");
        assertEquals(new WorkerStatus(Activity.STOPPED, 4, 4), ctx.lastStatus());
        Map<String, DocumentEnded> ended = ended().stream()
                .collect(Collectors.toMap(DocumentEnded::docId, ev -> ev));
        assertFalse(ended.containsKey("a"), "304 is not a document event");
        assertEquals(ErrorDomain.WEBSOCKET, ended.get("b").error().domain());
        assertEquals(409, ended.get("b").error().code());
        assertFalse(ended.get("b").error().isTransient());
        assertNull(ended.get("c").error());
        assertEquals(403, ended.get("d").error().code());
        assertEquals("rejected by server", ended.get("d").error().getMessage());
        assertTrue(h.outstanding().isEmpty(), "all four are completed");
        assertEquals(local.get("a").revId(), local.get("a").remoteRevId(ctx.remoteId()), "304 = the peer has it");
        assertNull(local.get("b").remoteRevId(ctx.remoteId()));
    }

    @Test
    void a409NamingAnAncestorIsProposedAgainOnTopOfIt() {
        Document d1 = save("doc", "{\"v\":1}");
        Document d2 = save("doc", "{\"v\":2}");
        Document d3 = save("doc", "{\"v\":3}");
        AtomicInteger lists = new AtomicInteger();
        peer.listScript = rq -> lists.getAndIncrement() == 0
                ? new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS,
                        "[{\"status\":409,\"rev\":\"" + d2.revId() + "\"}]")
                : new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[]");
        start(false);
        assertEquals(List.of("doc", d3.revId(), ""), entries(peer.nextList()).get(0).subList(0, 3));
        assertEquals(List.of("doc", d3.revId(), d2.revId()), entries(peer.nextList()).get(0).subList(0, 3));
        IncomingMessage rev = peer.nextRev();
        assertEquals(d2.revId(), rev.property("history"), "history stops at the peer's revision");
        awaitStopped();
        assertEquals(1, ctx.ended.size());
        assertNull(ended().get(0).error());
        assertTrue(d1.revId().startsWith("1-"));
    }

    @Test
    void historyStopsAtTheRemoteRevisionOrAtMaxHistory() {
        Document first = null;
        for (int v = 1; v <= 12; v++) {
            Document d = save("marked", "{\"v\":" + v + "}");
            if (v == 9) {
                local.setRemoteRevId("marked", ctx.remoteId(), d.revId());
                first = d;
            }
            save("long", "{\"v\":" + v + "}");
        }
        Document marked = local.get("marked");
        Document longDoc = local.get("long");
        peer.listScript = rq -> new ScriptedPeer.Reply(Map.of("maxHistory", "5", "blobs", "true"), "[]");
        start(false);
        List<List<Object>> e = entries(peer.nextList());
        Map<Object, List<Object>> byId = e.stream().collect(Collectors.toMap(x -> x.get(0), x -> x));
        assertEquals(first.revId(), byId.get("marked").get(2), "the remote revision is the proposal's parent");
        assertEquals("", byId.get("long").get(2));
        List<IncomingMessage> both = List.of(peer.nextRev(), peer.nextRev());
        awaitStopped();
        for (IncomingMessage rev : both) {
            List<String> lineage = local.get(rev.property("id")).history(rev.property("rev"));
            if (rev.property("id").equals("marked")) {
                assertEquals(String.join(",", lineage.subList(1, 4)), rev.property("history"),
                        "11, 10 and the peer's 9");
                assertEquals(marked.revId(), rev.property("rev"));
            } else {
                assertEquals(String.join(",", lineage.subList(1, 5)), rev.property("history"), "maxHistory 5");
                assertEquals(longDoc.revId(), rev.property("rev"));
            }
        }
        assertEquals(2, both.size());
    }

    @Test
    void tombstonesArePushedUnlessSkipDeleted() {
        Document live = save("live", "{\"v\":1}");
        Document gone = save("gone", "{\"v\":1}");
        Document tomb = local.delete("gone", gone.revId());
        start(false);
        List<List<Object>> e = entries(peer.nextList());
        assertEquals(List.of(live.id(), tomb.id()), e.stream().map(x -> x.get(0)).toList());
        IncomingMessage r1 = peer.nextRev();
        IncomingMessage r2 = peer.nextRev();
        IncomingMessage t = r1.property("id").equals("gone") ? r1 : r2;
        assertEquals("1", t.property("deleted"));
        assertEquals(gone.revId(), t.property("history"));
        assertEquals("{}", ScriptedPeer.text(t));
        awaitStopped();
        assertTrue(peerDb.defaultCollection().get("gone").isDeleted());
        assertTrue(ended().stream().anyMatch(ev -> ev.docId().equals("gone") && ev.deleted()));
    }

    @Test
    void skipDeletedLeavesBacklogTombstonesOut() {
        save("live", "{\"v\":1}");
        Document gone = save("gone", "{\"v\":1}");
        local.delete("gone", gone.revId());
        ctx.options(OptionsDict.builder().put(OptionKeys.SKIP_DELETED, true).build());
        start(false);
        assertEquals(List.of("live"), entries(peer.nextList()).stream().map(x -> x.get(0)).toList());
        awaitStopped();
        assertEquals(1, peer.revs.size());
    }

    @Test
    void docIdsAndThePushFilterSelectDocuments() {
        save("a", "{\"v\":1}");
        save("b", "{\"push\":false}");
        save("c", "{\"v\":1}");
        save("d", "{\"v\":1}");
        List<String> filtered = new CopyOnWriteArrayList<>();
        ctx.options(OptionsDict.builder().putArray(OptionKeys.DOC_IDS, List.of("a", "b", "d")).build());
        ctx.hooks(new ReplicationHooks((spec, id, rev, deleted, body) -> {
            filtered.add(id);
            return !body.toMap().containsKey("push");
        }, null, null));
        start(false);
        assertEquals(List.of("a", "d"), entries(peer.nextList()).stream().map(x -> x.get(0)).toList());
        awaitStopped();
        assertEquals(List.of("a", "b", "d"), filtered, "the filter only sees documents in docIDs");
        assertEquals(Set.of(1L, 2L, 3L, 4L), Set.copyOf(h.pending()));
        assertTrue(h.outstanding().isEmpty(), "skipped sequences complete too");
        assertEquals(2, peer.revs.size());
    }

    @Test
    void continuousPushSendsNewChangesAfterCatchingUp() {
        Document a1 = save("a", "{\"v\":1}");
        start(true);
        assertEquals(1, entries(peer.nextList()).size());
        peer.nextRev();
        awaitIdle();

        Document a2 = save("a", "{\"v\":2}");
        Document b1 = save("b", "{\"v\":1}");
        List<List<Object>> e = new ArrayList<>();
        while (e.size() < 2) {
            IncomingMessage m = peer.nextList();
            e.addAll(entries(m));
        }
        Map<Object, List<Object>> byId = e.stream().collect(Collectors.toMap(x -> x.get(0), x -> x));
        assertEquals(a1.revId(), byId.get("a").get(2), "proposed on top of what the peer has");
        assertEquals(a2.revId(), byId.get("a").get(1));
        assertEquals(b1.revId(), byId.get("b").get(1));
        peer.nextRev();
        peer.nextRev();
        PushHarness.await("peer has a2", () -> a2.revId().equals(
                revOf(peerDb.defaultCollection(), "a")));
        awaitIdle();
        assertEquals(3, ctx.lastStatus().completed());
        assertTrue(ctx.fatals.isEmpty());
    }

    @Test
    void aChangeToADocumentInFlightWaitsAndIsProposedOnTopOfTheAcknowledgedRevision() throws Exception {
        Document a1 = save("a", "{\"v\":1}");
        peer.holdRevs = true;
        start(true);
        peer.nextList();
        PushHarness.await("rev held", () -> peer.held.size() == 1);
        Document a2 = save("a", "{\"v\":2}");
        PushHarness.await("a2 read and waiting", () -> h.pending().contains(a2.sequence()));
        assertNull(peer.listWithin(Duration.ofMillis(50)), "a2 waits for a1's reply");
        peer.release();
        List<Object> entry = entries(peer.nextList()).get(0);
        assertEquals(List.of("a", a2.revId(), a1.revId()), entry.subList(0, 3), "on top of the acknowledged a1");
        assertEquals(a1.revId(), peer.nextRev().property("history"));
        awaitIdle();
        assertEquals(new WorkerStatus(Activity.IDLE, 2, 2), ctx.lastStatus());
    }

    private static String revOf(Collection c, String id) {
        Document d = c.get(id);
        return d == null ? null : d.revId();
    }

    @Test
    void errorRepliesToRevsEndDocumentsTransientOrNot() {
        save("transient", "{\"v\":1}");
        save("permanent", "{\"v\":1}");
        save("forbidden", "{\"v\":1}");
        AtomicInteger forbiddenTries = new AtomicInteger();
        peer.revScript = rq -> switch (rq.property("id")) {
            case "transient" -> new String[] {"HTTP", "503", "busy"};
            case "permanent" -> new String[] {"HTTP", "400", "bad"};
            default -> forbiddenTries.getAndIncrement() == 0 ? new String[] {"HTTP", "403", "no"} : null;
        };
        start(false);
        awaitStopped();
        Map<String, List<DocumentEnded>> ended = ended().stream()
                .collect(Collectors.groupingBy(DocumentEnded::docId));
        DocumentEnded t = ended.get("transient").get(0);
        assertEquals(503, t.error().code());
        assertTrue(t.error().isTransient());
        DocumentEnded p = ended.get("permanent").get(0);
        assertEquals(400, p.error().code());
        assertFalse(p.error().isTransient());
        assertEquals(2, forbiddenTries.get(), "a 403 is retried once");
        assertNull(ended.get("forbidden").get(1).error());
        assertEquals(new WorkerStatus(Activity.STOPPED, 4, 4), ctx.lastStatus(), "the 403 retry counts again");
        Document tDoc = local.get("transient");
        assertEquals(List.of(tDoc.sequence()), h.outstanding(),
                "a transiently failed revision keeps the checkpoint before it");
    }

    @Test
    void aTombstoneOrDeletedDocumentThatVanishedIsSentAsNorev() {
        Document a = save("a", "{\"v\":1}");
        peer.listScript = rq -> {
            local.purge("a"); // gone between the proposal and the rev
            return new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[]");
        };
        start(false);
        IncomingMessage norev = ScriptedPeer.poll(peer.norevs, "norev");
        assertEquals(Map.of("Profile", "norev", "id", "a", "rev", a.revId(), "sequence", "1", "error", "404"),
                norev.properties());
        assertTrue(norev.isNoReply());
        awaitStopped();
    }

    @Test
    void aDocumentSavedAgainBetweenTheProposalAndTheRevIsReadAgainAndItsObsoleteRevisionSentAsNorev() {
        Document a = save("a", "{\"v\":1}");
        peer.listScript = rq -> {
            if (local.get("a").revId().equals(a.revId())) {
                local.save("a", a.revId(), Body.fromJson("{\"v\":2}")); // the feed's copy of "a" is stale now
            }
            return new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[]");
        };
        start(false);
        IncomingMessage norev = ScriptedPeer.poll(peer.norevs, "norev");
        assertEquals(Map.of("Profile", "norev", "id", "a", "rev", a.revId(), "sequence", "1", "error", "410"),
                norev.properties());
        awaitStopped();
    }

    @Test
    void anErrorReplyToTheChangeListIsFatal() {
        save("a", "{\"v\":1}");
        peer.listScript = rq -> {
            rq.respondWithError("HTTP", 500, "boom");
            return null;
        };
        start(false);
        PushHarness.await("fatal", () -> !ctx.fatals.isEmpty());
        assertEquals(ErrorDomain.WEBSOCKET, ctx.fatals.peek().domain());
        assertEquals(500, ctx.fatals.peek().code());
        awaitStopped();
    }

    @Test
    void stopReportsStoppedAndIgnoresLateReplies() throws Exception {
        save("a", "{\"v\":1}");
        List<IncomingMessage> held = new CopyOnWriteArrayList<>();
        peer.listScript = rq -> {
            held.add(rq);
            return null;
        };
        start(false);
        peer.nextList();
        pusher.stop();
        awaitStopped();
        ScriptedPeer.respond(held.get(0), new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[]"));
        // A negative check across the BLIP connection's threads: no event marks "late reply ignored", so a grace
        // period without any rev is the assertion.
        Thread.sleep(50);
        assertTrue(peer.revs.isEmpty(), "nothing is sent after stop");
        assertEquals(Activity.STOPPED, ctx.lastStatus().activity());
    }

    @Test
    void remoteMarkerEqualToTheCurrentRevisionSkipsTheDocument() {
        Document a = save("a", "{\"v\":1}");
        save("b", "{\"v\":1}");
        local.setRemoteRevId("a", ctx.remoteId(), a.revId());
        peerDb.defaultCollection().insertExisting(InsertRequest.of("a", List.of(a.revId()), a.body()));
        start(false);
        assertEquals(List.of("b"), entries(peer.nextList()).stream().map(x -> x.get(0)).toList());
        awaitStopped();
        assertTrue(h.completed().contains(1L), "already on the peer: completed");
        assertTrue(h.outstanding().isEmpty());
    }
}
