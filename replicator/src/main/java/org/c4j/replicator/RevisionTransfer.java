package org.c4j.replicator;

import org.c4j.CollectionSpec;

/**
 * One {@code rev} message a replicator sent or received, as reported to a transfer listener
 * ({@link ReplicatorConfig.Builder#revisionTransfers}, {@link PassiveReplicator.Config#withRevisionTransfers}): which
 * revision, whether its body was a delta (and against which revision) and how many body bytes went on the wire
 * (before BLIP compression). For statistics and tests of delta sync.
 *
 * @param sent      true for a revision this side sent, false for one it received
 * @param deltaSrc  the revision the body is a delta against, or null for a full body
 * @param bodyBytes bytes of the JSON body (the delta's, for a delta)
 *
 * <p>Immutable; thread-safe.
 */
public record RevisionTransfer(boolean sent, CollectionSpec collection, String docId, String revId, String deltaSrc,
                               int bodyBytes) {
    /** True if the body was a delta. */
    public boolean isDelta() {
        return deltaSrc != null;
    }
}
