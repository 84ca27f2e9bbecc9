package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.c4j.Body;
import org.c4j.Database;
import org.c4j.Document;
import org.c4j.InsertRequest;
import org.c4j.socket.ErrorDomain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener over a loopback transport: URLs, connection counts, read-only, stop. */
public class ListenerTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyListenerRefusesPushesWith403AndServesPulls() {
        try (ReplPeers peers = new ReplPeers(dir, c -> c.withReadOnly(true))) {
            ReplPeers.put(peers.local, "mine", "{\"v\":1}");
            ReplPeers.put(peers.remote, "theirs", "{\"v\":2}");
            ReplicatorStatus push = peers.runOnce(peers.config(ReplicatorType.PUSH).build());
            assertNotNull(push.error());
            assertEquals(ErrorDomain.WEBSOCKET, push.error().domain());
            assertEquals(403, push.error().code());
            assertNull(peers.remote.defaultCollection().get("mine"));

            ReplicatorStatus pull = peers.runOnce(peers.config(ReplicatorType.PULL).build());
            assertNull(pull.error());
            assertNotNull(peers.local.defaultCollection().get("theirs"));
        }
    }

    @Test
    void countsConnectionsAndStopsThemCleanly() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            assertEquals(List.of(URI.create("ws://loopback:4984/db")), peers.listener.urls());
            assertEquals(new ListenerStatus(0, 0), peers.listener.status());
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
            r.start();
            ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
            ReplTestSupport.await(() -> peers.listener.status().connectionCount() == 1, "one connection");
            ReplTestSupport.await(() -> peers.listener.status().activeConnectionCount() == 0, "none active");
            peers.listener.stop();
            assertEquals(new ListenerStatus(0, 0), peers.listener.status());
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNotNull(end.error(), "the peer went away: WebSocket 1001");
            assertEquals(1001, end.error().code());
        }
    }

    /** Both sides edit the same revision; the local side then pushes its edit to the listener. */
    private static List<DocumentReplication> pushConflict(ReplPeers peers) {
        for (Database db : List.of(peers.local, peers.remote)) {
            db.defaultCollection().insertExisting(InsertRequest.of("c", List.of("1-aa"), Body.fromJson("{}")));
        }
        ReplPeers.put(peers.local, "c", "{\"side\":\"local\"}");
        ReplPeers.put(peers.remote, "c", "{\"side\":\"remote\"}");
        Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH).build());
        List<DocumentReplication> events = new CopyOnWriteArrayList<>();
        r.addDocumentListener(events::add);
        r.start();
        ReplTestSupport.awaitStopped(r);
        return events;
    }

    /** As Couchbase Lite's listener: a push that would branch a document gets 409 and leaves it unbranched. */
    @Test
    void refusesConflictingPushesByDefault() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            List<DocumentReplication> events = pushConflict(peers);
            Document doc = peers.remote.defaultCollection().get("c");
            assertFalse(doc.isConflicted(), "the listener let a peer branch the document");
            assertEquals("{\"side\":\"remote\"}", doc.body().toJson());
            ReplTestSupport.await(() -> !events.isEmpty(), "a document event");
            assertEquals(409, events.get(0).error().code(), events::toString);
        }
    }

    @Test
    void servesOnlyItsDatabaseName() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            ReplicatorConfig wrong = ReplicatorConfig.builder(peers.local, URI.create("ws://loopback:4984/other"))
                    .socketFactory(peers.transport.factory(peers.loopback)).scheduler(peers.scheduler).build();
            ReplicatorStatus end = peers.runOnce(wrong);
            assertEquals(404, end.error().code());
        }
    }
}
