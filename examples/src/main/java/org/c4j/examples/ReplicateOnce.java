package org.c4j.examples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.c4j.replicator.Replicator;
import org.c4j.replicator.ReplicatorActivity;
import org.c4j.replicator.ReplicatorConfig;
import org.c4j.replicator.ReplicatorStatus;

/** Runs a one-shot replication to its end: the few lines every example needs. */
public final class ReplicateOnce {
    private ReplicateOnce() {
    }

    /**
     * Starts a replicator with {@code config}, waits (at most 30 s) until it has STOPPED, and returns its last
     * status.
     *
     * @throws org.c4j.socket.C4Exception the error the replication stopped with
     */
    public static ReplicatorStatus run(ReplicatorConfig config) throws Exception {
        try (Replicator replicator = new Replicator(config)) {
            CompletableFuture<ReplicatorStatus> stopped = new CompletableFuture<>();
            replicator.addChangeListener(s -> {
                if (s.activity() == ReplicatorActivity.STOPPED) {
                    stopped.complete(s);
                }
            });
            replicator.start();
            ReplicatorStatus end = stopped.get(30, TimeUnit.SECONDS);
            if (end.error() != null) {
                throw end.error();
            }
            return end;
        }
    }
}
