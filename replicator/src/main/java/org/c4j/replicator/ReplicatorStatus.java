package org.c4j.replicator;

import java.util.Objects;

import org.c4j.socket.C4Exception;

/**
 * A replicator's state at one moment: activity, progress and the last error. Immutable; thread-safe.
 *
 * @param activity       what it is doing
 * @param completed      units of work (documents) finished so far in this run
 * @param total          units of work known so far (grows as changes are discovered); {@code completed <= total}
 *                       once the work is counted
 * @param documentCount  documents transferred successfully so far (both directions)
 * @param error          the error that stopped it or made it go offline, or the last error reported while it runs;
 *                       null if none
 */
public record ReplicatorStatus(ReplicatorActivity activity, long completed, long total, long documentCount,
                               C4Exception error) {
    public ReplicatorStatus {
        Objects.requireNonNull(activity, "activity");
    }

    /** The status of a replicator that has not started. */
    public static final ReplicatorStatus STOPPED = new ReplicatorStatus(ReplicatorActivity.STOPPED, 0, 0, 0, null);

    /** The same status with another activity. */
    public ReplicatorStatus withActivity(ReplicatorActivity a) {
        return new ReplicatorStatus(a, completed, total, documentCount, error);
    }

    /** The same status with another error. */
    public ReplicatorStatus withError(C4Exception e) {
        return new ReplicatorStatus(activity, completed, total, documentCount, e);
    }
}
