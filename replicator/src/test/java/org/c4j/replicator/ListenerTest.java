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
        ReplTestSupport.startAndAwaitStopNotified(r, false);
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

    /**
     * Issue 9: stop() returns only once no connection's work touches the database any more. A pushed revision's
     * insert is held up (this test holds the database's write transaction) while the listener stops; stop() must
     * not return before that insert committed (before the fix it returned at once, and closing the database then
     * failed with TRANSACTION_NOT_CLOSED or the insert hit a closed database).
     */
    @Test
    void stopWaitsForAnInsertUnderWay() throws Exception {
        java.util.concurrent.CountDownLatch received = new java.util.concurrent.CountDownLatch(1);
        try (ReplPeers peers = new ReplPeers(dir, c -> c.withReplication(c.replication()
                .withRevisionTransfers(t -> received.countDown())))) {
            peers.local.defaultCollection().save("held", null, Body.fromJson("{\"v\":1}"));
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
            Thread holder = new Thread(() -> peers.remote.inBatch(() -> {
                holding.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }), "write-holder");
            holder.start();
            holding.await();
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH).continuous(true).build());
            r.start();
            received.await();
            ReplTestSupport.await(ListenerTest::someoneWaitsToWrite, "the insert waiting for the write lock");
            java.util.concurrent.CompletableFuture<Boolean> stopped = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        peers.listener.stop();
                        return peers.remote.defaultCollection().get("held") != null;
                    });
            try {
                stopped.get(1, java.util.concurrent.TimeUnit.SECONDS); // bounds the wait only: it should not return
            } catch (java.util.concurrent.TimeoutException expected) {
                // still waiting for the insert: as it should
            }
            release.countDown();
            holder.join();
            assertEquals(Boolean.TRUE, stopped.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    "stop() returned before the insert under way was committed");
            r.stop();
            ReplTestSupport.awaitStopped(r);
        }
    }

    /** Some thread is waiting to begin a write transaction (the inserter, behind the test's). */
    private static boolean someoneWaitsToWrite() {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().getName().startsWith("c4j")
                && java.util.Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("beginWrite")));
    }
}
