package org.c4j.replicator;

import org.c4j.Body;
import org.c4j.CollectionSpec;

/**
 * Decides whether one document revision is replicated: a push filter sees local revisions before they are sent,
 * a pull filter sees remote revisions before they are saved (a rejected pulled revision is not saved).
 *
 * <p>Called on a replicator worker thread; implementations must be thread-safe and quick (no blocking I/O).
 */
@FunctionalInterface
public interface ReplicationFilter {

    /**
     * @param collection the collection the document belongs to
     * @param docId      the document ID
     * @param revId      the revision being replicated
     * @param deleted    whether that revision is a deletion (tombstone)
     * @param body       its body ({@link Body#empty()} for a tombstone)
     * @return true to replicate it
     */
    boolean test(CollectionSpec collection, String docId, String revId, boolean deleted, Body body);
}
