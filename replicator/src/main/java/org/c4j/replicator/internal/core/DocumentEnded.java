package org.c4j.replicator.internal.core;

import org.c4j.CollectionSpec;
import org.c4j.socket.C4Exception;

/**
 * One document finished replicating, either way. Immutable.
 *
 * @param error         null on success; otherwise why it failed ({@link C4Exception#isTransient()} tells whether a
 *                      later attempt may succeed)
 * @param accessRemoved pulled: the peer says the user lost access to the document (purged if auto-purge is on)
 */
public record DocumentEnded(Direction direction, CollectionSpec collection, String docId, String revId,
                            boolean deleted, C4Exception error, boolean accessRemoved) {
    public DocumentEnded(Direction direction, CollectionSpec collection, String docId, String revId, boolean deleted,
                         C4Exception error) {
        this(direction, collection, docId, revId, deleted, error, false);
    }
}
