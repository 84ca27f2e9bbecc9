package org.c4j.replicator.internal.core;

/** How one direction of a replicator runs, after LiteCore's {@code C4ReplicatorMode}. */
public enum ReplMode {
    /** This direction does not run. */
    DISABLED,
    /** Serve the peer's requests for this direction (listener side). */
    PASSIVE,
    /** Catch up once, then stop. */
    ONE_SHOT,
    /** Catch up, then keep replicating new changes until stopped. */
    CONTINUOUS;

    public boolean isActive() {
        return this == ONE_SHOT || this == CONTINUOUS;
    }
}
