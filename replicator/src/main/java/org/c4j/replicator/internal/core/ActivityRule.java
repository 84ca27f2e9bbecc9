package org.c4j.replicator.internal.core;

/**
 * How a replicator's activity follows from its connection and its workers, after LiteCore's
 * {@code Replicator::computeActivityLevel}. Pure; thread-safe.
 */
public final class ActivityRule {
    private ActivityRule() {
    }

    /** Where the replicator's one connection is. */
    public enum Phase { CONNECTING, CONNECTED, CLOSING, CLOSED }

    /**
     * @param phase            the connection's phase
     * @param workers          the most active level among the workers (STOPPED if there are none)
     * @param checkpointUnsaved a checkpoint change is waiting to be saved or being saved
     * @return CONNECTING while connecting; while connected BUSY if a checkpoint is unsaved, else the workers'
     *         level (never below IDLE); BUSY while closing; STOPPED once closed
     */
    public static Activity level(Phase phase, Activity workers, boolean checkpointUnsaved) {
        return switch (phase) {
            case CONNECTING -> Activity.CONNECTING;
            case CONNECTED -> checkpointUnsaved ? Activity.BUSY : max(workers, Activity.IDLE);
            case CLOSING -> Activity.BUSY;
            case CLOSED -> Activity.STOPPED;
        };
    }

    /**
     * True when an active, non-continuous replicator has nothing left to do and should close its connection: it is
     * connected, every worker is idle or stopped, and the checkpoint is saved.
     */
    public static boolean isDone(Phase phase, Activity workers, boolean checkpointUnsaved, boolean active,
                                 boolean continuous) {
        return active && !continuous && phase == Phase.CONNECTED && !checkpointUnsaved
                && workers.compareTo(Activity.IDLE) <= 0;
    }

    /** The more active of two levels. */
    public static Activity max(Activity a, Activity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
