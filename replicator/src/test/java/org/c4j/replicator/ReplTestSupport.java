package org.c4j.replicator;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Waiting helpers for replicator tests (bounded waits; no timing assertions). */
public final class ReplTestSupport {
    /** Generous bound for anything a test waits for; a hang fails the test instead of the build. */
    static final long WAIT_MS = 30_000;

    private ReplTestSupport() {
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static ReplicatorStatus awaitStopped(PassiveReplicator r) {
        await(() -> r.status().activity() == ReplicatorActivity.STOPPED, "passive replicator to stop");
        return r.status();
    }

    static ReplicatorStatus awaitStopped(Replicator r) {
        await(() -> r.status().activity() == ReplicatorActivity.STOPPED, "replicator to stop");
        return r.status();
    }

    /**
     * Starts {@code r} and waits until its change listener is told STOPPED: listeners are called in order on one
     * thread, so every document event of the run has been delivered by then ({@link Replicator#status()} may say
     * STOPPED a moment earlier).
     */
    static ReplicatorStatus startAndAwaitStopNotified(Replicator r, boolean reset) {
        AtomicReference<ReplicatorStatus> stopped = new AtomicReference<>();
        r.addChangeListener(s -> {
            if (s.activity() == ReplicatorActivity.STOPPED) {
                stopped.set(s);
            }
        });
        r.start(reset);
        await(() -> stopped.get() != null, "the listener to be told the replicator stopped");
        return stopped.get();
    }
}
