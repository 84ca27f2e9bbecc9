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
import java.util.concurrent.TimeUnit;

import org.c4j.Body;
import org.c4j.Collection;
import org.c4j.Document;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.core.ScriptedPeer;
import org.c4j.replicator.internal.wire.Json;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The passive push: serving an active puller's subChanges with changes and revs, like LiteCore's passive side. */
public class PusherPassiveTest {
    @TempDir
    Path tmp;
    PushHarness h;
    ScriptedPeer peer;
    Pusher pusher;
    Collection local;

    @BeforeEach
    void setUp() {
        h = new PushHarness(tmp);
        peer = h.peer;
        local = h.local;
        pusher = h.pusher();
        h.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        pusher.stop();
        h.awaitActivity(Activity.STOPPED);
        h.close();
    }

    private Document save(String id, String json) {
        Document d = local.get(id);
        return local.save(id, d == null ? null : d.revId(), Body.fromJson(json));
    }

    /** The active puller's subChanges, as CBL 3.0 sends it (vectors), plus extra properties. */
    private IncomingMessage subChanges(Map<String, String> extra, String body) throws Exception {
        OutgoingMessage.Builder b = OutgoingMessage.request("subChanges").property("batch", "200")
                .property("versioning", "rev-trees").property("revocations", "true");
        extra.forEach(b::property);
        if (body != null) {
            b.body(body);
        }
        return h.peerConnection.send(b.build()).get(10, TimeUnit.SECONDS);
    }

    private static List<List<Object>> entries(IncomingMessage list) {
        @SuppressWarnings("unchecked")
        List<List<Object>> e = (List<List<Object>>) Json.parse(list.body(), "test");
        return e;
    }

    @Test
    void servesTheBacklogCutsHistoriesAtKnownAncestorsAndSignalsCaughtUp() throws Exception {
        Document a = null;
        List<String> aRevs = new ArrayList<>();
        for (int v = 1; v <= 4; v++) {
            a = save("a", "{\"v\":" + v + "}");
            aRevs.add(a.revId());
        }
        Document b = save("b", "{\"v\":1}");
        Document c1 = save("c", "{\"v\":1}");
        Document c = local.delete("c", c1.revId());
        peer.listScript = rq -> new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS,
                "[[\"" + aRevs.get(1) + "\",\"" + aRevs.get(0) + "\"],0,[]]");

        IncomingMessage reply = subChanges(Map.of(), null);
        assertFalse(reply.isError());
        assertEquals(0, reply.body().length);

        IncomingMessage changes = peer.nextList();
        assertEquals(Map.of("Profile", "changes"), changes.properties());
        assertTrue(changes.isUrgent());
        assertTrue(changes.isCompressed());
        List<List<Object>> e = entries(changes);
        assertEquals(3, e.size());
        assertEquals(List.of(a.sequence(), "a", a.revId(), 0L), e.get(0).subList(0, 4));
        assertEquals(List.of(b.sequence(), "b", b.revId(), 0L), e.get(1).subList(0, 4));
        assertEquals(List.of(c.sequence(), "c", c.revId(), 1L), e.get(2).subList(0, 4));
        assertTrue((Long) e.get(0).get(4) > 0);

        IncomingMessage caughtUp = peer.nextList();
        assertTrue(caughtUp.isNoReply());
        assertTrue(caughtUp.isUrgent());
        assertEquals("[]", ScriptedPeer.text(caughtUp));

        IncomingMessage r1 = peer.nextRev();
        IncomingMessage r2 = peer.nextRev();
        IncomingMessage revA = r1.property("id").equals("a") ? r1 : r2;
        IncomingMessage revC = r1.property("id").equals("a") ? r2 : r1;
        assertEquals(Map.of("Profile", "rev", "id", "a", "rev", a.revId(), "sequence", Long.toString(a.sequence()),
                "history", aRevs.get(2) + "," + aRevs.get(1)), revA.properties(), "stops at the first known ancestor");
        assertEquals("{\"v\":4}", ScriptedPeer.text(revA));
        assertEquals(List.of("Profile", "id", "rev", "sequence", "deleted", "history"),
                new ArrayList<>(revC.properties().keySet()));
        assertEquals("1", revC.property("deleted"));
        assertEquals(c1.revId(), revC.property("history"));
        assertEquals("{}", ScriptedPeer.text(revC));

        h.awaitActivity(Activity.IDLE);
        assertTrue(h.ctx.checkpointCalls.isEmpty(), "a passive pusher has no checkpoint");
        assertEquals(a.revId(), h.peerDb.defaultCollection().get("a").revId());
        assertTrue(h.peerDb.defaultCollection().get("c").isDeleted());
        assertNull(h.peerDb.defaultCollection().get("b"));
        assertNull(local.get("a").remoteRevId(h.ctx.remoteId()), "no remote markers on the passive side");
    }

    @Test
    void anEmptyDatabaseAnswersWithJustTheCaughtUpSignal() throws Exception {
        subChanges(Map.of("activeOnly", "true"), null);
        IncomingMessage list = peer.nextList();
        assertTrue(list.isNoReply());
        assertEquals("[]", ScriptedPeer.text(list));
        assertNull(peer.listWithin(Duration.ofMillis(50)));
        h.awaitActivity(Activity.IDLE);
    }

    @Test
    void sinceActiveOnlyAndDocIdsSelectChanges() throws Exception {
        save("old", "{\"v\":1}");
        save("a", "{\"v\":1}");
        Document gone = save("gone", "{\"v\":1}");
        local.delete("gone", gone.revId());
        save("b", "{\"v\":1}");
        save("c", "{\"v\":1}");
        subChanges(Map.of("since", "1", "activeOnly", "true"), "{\"docIDs\":[\"a\",\"gone\",\"c\",\"old\"]}");
        assertEquals(List.of("a", "c"), entries(peer.nextList()).stream().map(x -> x.get(1)).toList());
        assertEquals("[]", ScriptedPeer.text(peer.nextList()));
        peer.nextRev();
        peer.nextRev();
        h.awaitActivity(Activity.IDLE);
    }

    @Test
    void refusesFiltersForeignVersioningAndASecondSubscription() throws Exception {
        IncomingMessage filtered = subChanges(Map.of("filter", "app/mine", "param", "a"), null);
        assertTrue(filtered.isError());
        assertEquals("LiteCore", filtered.errorDomain());
        assertEquals(19, filtered.errorCode());
        assertEquals("Filtering not supported", filtered.errorMessage());

        IncomingMessage vv = subChanges(Map.of("versioning", "version-vectors"), null);
        assertEquals("LiteCore", vv.errorDomain());
        assertEquals(501, vv.errorCode());
        assertEquals("Incompatible document versioning.", vv.errorMessage());

        IncomingMessage badBody = subChanges(Map.of(), "[1,2]");
        assertEquals("BLIP", badBody.errorDomain());
        assertEquals(400, badBody.errorCode());

        assertFalse(subChanges(Map.of(), null).isError());
        IncomingMessage again = subChanges(Map.of(), null);
        assertEquals("LiteCore", again.errorDomain());
        assertEquals(501, again.errorCode());
        assertEquals("Not implemented.", again.errorMessage());
    }

    @Test
    void continuousSubscriptionSendsLaterChanges() throws Exception {
        Document a1 = save("a", "{\"v\":1}");
        subChanges(Map.of("continuous", "true"), null);
        assertEquals(1, entries(peer.nextList()).size());
        assertEquals("[]", ScriptedPeer.text(peer.nextList()));
        peer.nextRev();
        h.awaitActivity(Activity.IDLE);

        peer.listScript = rq -> new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[[\"" + a1.revId() + "\"]]");
        Document a2 = save("a", "{\"v\":2}");
        List<List<Object>> e = entries(peer.nextList());
        assertEquals(List.of(a2.sequence(), "a", a2.revId(), 0L), e.get(0).subList(0, 4));
        IncomingMessage rev = peer.nextRev();
        assertEquals(a1.revId(), rev.property("history"));
        assertEquals(Long.toString(a2.sequence()), rev.property("sequence"));
        h.awaitActivity(Activity.IDLE);
        assertNull(peer.listWithin(Duration.ofMillis(50)), "no repeated caught-up signals");
    }

    @Test
    void aRejectedChangeEndsTheDocumentWithItsStatus() throws Exception {
        save("a", "{\"v\":1}");
        peer.listScript = rq -> new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[409]");
        subChanges(Map.of(), null);
        peer.nextList();
        DocumentEnded ended = h.ctx.takeEnded(1).get(0);
        assertEquals(ErrorDomain.WEBSOCKET, ended.error().domain());
        assertEquals(409, ended.error().code());
        h.awaitActivity(Activity.IDLE);
        assertTrue(peer.revs.isEmpty());
    }

    @Test
    void revisionsTheLanesPullerInsertedAreNotOfferedBack() throws Exception {
        org.c4j.replicator.internal.core.OwnInserts own = new org.c4j.replicator.internal.core.OwnInserts(8);
        h.ctx.ownInserts(own);
        subChanges(Map.of("continuous", "true"), null);
        assertEquals("[]", ScriptedPeer.text(peer.nextList()));
        h.awaitActivity(Activity.IDLE);

        String pushedRev = "1-0123456789abcdef0123456789abcdef01234567";
        own.inserted("pushed", pushedRev); // as the puller's inserter does, inside the insert's transaction
        local.insertExisting(org.c4j.InsertRequest.of("pushed", List.of(pushedRev), Body.fromJson("{\"v\":1}")));
        peer.listScript = rq -> new ScriptedPeer.Reply(ScriptedPeer.LITECORE_PROPS, "[[]]");
        Document mine = save("mine", "{\"v\":2}");
        List<List<Object>> e = entries(peer.nextList());
        assertEquals(List.of(List.of(mine.sequence(), "mine", mine.revId())),
                e.stream().map(x -> x.subList(0, 3)).toList(), "the peer's own revision is not echoed");
        peer.nextRev();
        h.awaitActivity(Activity.IDLE);
        assertFalse(own.consume("pushed", pushedRev), "the feed consumed the entry");

        Document edited = save("pushed", "{\"v\":3}");
        assertEquals(List.of(edited.sequence(), "pushed", edited.revId()), entries(peer.nextList()).get(0).subList(0, 3),
                "a later local edit of that document is offered");
        peer.nextRev();
        h.awaitActivity(Activity.IDLE);
    }
}
