package org.c4j.replicator;

import java.nio.file.Path;

import org.c4j.replicator.internal.core.ReplExecutors;
import org.c4j.socket.OptionKeys;
import org.c4j.socket.OptionsDict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A continuous replicator goes back to IDLE as soon as it has caught up, not when the checkpoint autosave timer
 * fires: progress made while both directions are idle (a push-and-pull replicator's pusher passing over the revisions
 * its puller just inserted, or progress that arrives while a save is in flight) is saved at once, as LiteCore saves
 * when a direction goes idle. The autosave interval is set to an hour, so a replicator that waited for it would never
 * be IDLE within the test's bound (a hang guard, no time is asserted).
 */
class ReplicatorIdleTest {
    private static final OptionsDict HOUR_AUTOSAVE = OptionsDict.builder()
            .put(OptionKeys.CHECKPOINT_INTERVAL, 3600).build();

    @TempDir
    Path dir;
    private ReplPeers peers;

    @BeforeEach
    void open() {
        peers = new ReplPeers(dir);
    }

    @AfterEach
    void close() {
        peers.close();
    }

    private Replicator continuous(ReplicatorType type) {
        Replicator r = peers.replicator(peers.config(type).continuous(true).options(HOUR_AUTOSAVE)
                .scheduler(ReplExecutors.timer()).build());
        r.start();
        ReplTestSupport.await(() -> idle(r), "idle after connecting");
        return r;
    }

    private static boolean idle(Replicator r) {
        return r.status().activity() == ReplicatorActivity.IDLE;
    }

    @Test
    void pushAndPullIsIdleAgainRightAfterEachPulledAndPushedDocument() {
        Replicator r = continuous(ReplicatorType.PUSH_AND_PULL);
        for (int i = 0; i < 5; i++) {
            String pulled = "remote-" + i;
            ReplPeers.put(peers.remote, pulled, "{\"n\":" + i + "}");
            ReplTestSupport.await(() -> peers.local.defaultCollection().get(pulled) != null && idle(r),
                    "pulled " + pulled + " and idle");
            String pushed = "local-" + i;
            ReplPeers.put(peers.local, pushed, "{\"n\":" + i + "}");
            ReplTestSupport.await(() -> peers.remote.defaultCollection().get(pushed) != null && idle(r),
                    "pushed " + pushed + " and idle");
        }
        assertNull(r.status().error());
        assertEquals(ReplPeers.snapshot(peers.local), ReplPeers.snapshot(peers.remote));
    }

    @Test
    void pullOnlyAndPushOnlyAreIdleAgainRightAfterEachDocument() {
        Replicator pull = continuous(ReplicatorType.PULL);
        Replicator push = continuous(ReplicatorType.PUSH);
        for (int i = 0; i < 5; i++) {
            String pulled = "remote-" + i;
            ReplPeers.put(peers.remote, pulled, "{\"n\":" + i + "}");
            ReplTestSupport.await(() -> peers.local.defaultCollection().get(pulled) != null && idle(pull)
                    && idle(push), "pulled " + pulled + " and both idle");
        }
        assertNull(pull.status().error());
        assertNull(push.status().error());
    }
}
