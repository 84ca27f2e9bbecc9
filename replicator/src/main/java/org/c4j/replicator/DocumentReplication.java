package org.c4j.replicator;

import org.c4j.CollectionSpec;
import org.c4j.socket.C4Exception;

/**
 * One document finished replicating, either way: pushed to the peer or pulled from it, successfully or not.
 * Immutable; thread-safe.
 *
 * @param direction  which way it went
 * @param collection the document's collection
 * @param docId      the document ID
 * @param revId      the revision that was replicated
 * @param deleted    whether that revision is a deletion
 * @param error      null on success, otherwise why it failed
 * @param errorIsTransient true if the error may go away on a later attempt (the document stays pending)
 * @param accessRemoved    pulled: the user lost access to the document on the peer (Sync Gateway's revocation); with
 *                         auto-purge on (option {@code autoPurge}, the default) it was purged, otherwise kept
 */
public record DocumentReplication(Direction direction, CollectionSpec collection, String docId, String revId,
                                  boolean deleted, C4Exception error, boolean errorIsTransient,
                                  boolean accessRemoved) {
    public DocumentReplication(Direction direction, CollectionSpec collection, String docId, String revId,
                               boolean deleted, C4Exception error, boolean errorIsTransient) {
        this(direction, collection, docId, revId, deleted, error, errorIsTransient, false);
    }

    /** Which way a document was replicated. */
    public enum Direction {
        PUSH,
        PULL
    }

    /** True if it was pushed to the peer. */
    public boolean pushed() {
        return direction == Direction.PUSH;
    }
}
