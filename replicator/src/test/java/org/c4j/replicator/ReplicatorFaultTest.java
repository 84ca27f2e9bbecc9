package org.c4j.replicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.testkit.LoopbackConfig;
import org.c4j.socket.testkit.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections that drop mid-replication: the replicator goes offline, reconnects and converges. */
public class ReplicatorFaultTest {
    @TempDir
    Path dir;

    /** Drops the connection at the {@code index}-th message {@code side} writes, on the first {@code times} connections. */
    static LoopbackConfig dropAt(Side side, long index, int times) {
        AtomicInteger left = new AtomicInteger(times);
        return LoopbackConfig.builder()
                .dropWhen((sender, i, msg) -> sender == side && i == index && left.getAndDecrement() > 0).build();
    }

    @Test
    void aDroppedConnectionIsRetriedAndConverges() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            peers.local.inBatch(() -> {
                for (int i = 0; i < 200; i++) {
                    ReplPeers.put(peers.local, "a-" + i, "{\"n\":" + i + "}");
                    ReplPeers.put(peers.remote, "b-" + i, "{\"n\":" + i + "}");
                }
            });
            peers.loopback = dropAt(Side.CLIENT, 6, 2);
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).build());
            List<ReplicatorStatus> statuses = new CopyOnWriteArrayList<>();
            r.addChangeListener(statuses::add);
            r.start();
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNull(end.error(), () -> "ended with " + end.error());
            assertEquals(3, peers.lastFactory.pairs().size(), "two dropped connections, then a good one");
            ReplTestSupport.await(() -> statuses.stream().anyMatch(s -> s.activity() == ReplicatorActivity.OFFLINE),
                    "offline status");
            assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
            assertEquals(400, ReplPeers.snapshot(peers.local).size());
            ReplTestSupport.await(() -> peers.listener.status().connectionCount() == 0, "listener connections gone");
        }
    }

    @Test
    void aContinuousReplicatorReconnectsAfterTheServerDropsIt() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH_AND_PULL).continuous(true).build());
            r.start();
            ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle");
            peers.lastFactory.lastPair().disconnect();
            ReplTestSupport.await(() -> peers.lastFactory.pairs().size() == 2, "reconnected");
            ReplTestSupport.await(() -> r.status().activity() == ReplicatorActivity.IDLE, "idle again");
            ReplPeers.put(peers.remote, "after", "{}");
            ReplTestSupport.await(() -> peers.local.defaultCollection().get("after") != null, "pulled after reconnect");
            assertTrue(r.connectionCount() >= 2);
        }
    }

    /**
     * A task inside the replicator that throws (here: a push filter breaking its contract) is not swallowed: the
     * replication ends with a fatal, reported error instead of going on or hanging.
     */
    @Test
    void aFailingTaskInsideTheReplicatorEndsTheReplicationWithAnError() {
        try (ReplPeers peers = new ReplPeers(dir)) {
            ReplPeers.put(peers.local, "doc", "{}");
            Replicator r = peers.replicator(peers.config(ReplicatorType.PUSH)
                    .pushFilter((collection, docId, revId, deleted, body) -> {
                        throw new IllegalStateException("filter failure expected by the test");
                    }).build());
            r.start();
            ReplicatorStatus end = ReplTestSupport.awaitStopped(r);
            assertNotNull(end.error(), "the replication must end with an error");
            assertEquals(ErrorDomain.LITECORE, end.error().domain());
            assertEquals(ErrorCodes.LiteCore.UNEXPECTED_ERROR, end.error().code());
            assertTrue(end.error().getMessage().contains("filter failure expected by the test"), end.error()::getMessage);
            assertNull(peers.remote.defaultCollection().get("doc"), "nothing was pushed");
        }
    }
}
