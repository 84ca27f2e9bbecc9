package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;

import org.c4j.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As Couchbase Lite: closing a database first stops its replicators and listeners (issue 9, lifecycle). */
public class DatabaseCloseTest {
    @TempDir
    Path dir;

    @Test
    void closingTheDatabaseStopsItsRunningReplicatorFirst() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            ReplPeers.put(peers.local, "a", "{\"v\":1}");
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
            r.start();
            ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
            peers.local.close();
            assertEquals(ReplicatorActivity.STOPPED, r.status().activity(), "close returned before the stop");
            assertEquals(Database.State.CLOSED, peers.local.state());
            assertNotNull(peers.remote.defaultCollection().get("a"));
        }
    }

    @Test
    void closingTheDatabaseStopsItsListenerAndItsConnections() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
            r.start();
            ReplTestSupport.await(() -> peers.listener.status().connectionCount() == 1, "one connection");
            peers.remote.close();
            assertEquals(Listener.State.STOPPED, peers.listener.state());
            assertEquals(0, peers.listener.status().connectionCount());
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNotNull(end.error(), "the listener went away");
        }
    }

    @Test
    void aStoppedReplicatorLeavesNothingBehindForTheClose() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH).build());
            r.start();
            ReplTestSupport.awaitStopped(r);
            peers.local.close(); // no close action left: returns at once
            assertEquals(Database.State.CLOSED, peers.local.state());
        }
    }
}
