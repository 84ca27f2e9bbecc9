package org.c4j.replicator;

import org.c4j.Body;
import org.c4j.CollectionSpec;

/**
 * A document whose local and remote revisions are both leaves after a pull: what a {@link ConflictResolver} decides
 * between. Immutable; thread-safe.
 *
 * @param collection    the document's collection
 * @param docId         the document ID
 * @param localRevId    the local leaf revision
 * @param localDeleted  whether the local leaf is a deletion
 * @param localBody     its body ({@link Body#empty()} if deleted)
 * @param remoteRevId   the pulled leaf revision
 * @param remoteDeleted whether the remote leaf is a deletion
 * @param remoteBody    its body ({@link Body#empty()} if deleted)
 */
public record Conflict(CollectionSpec collection, String docId,
                       String localRevId, boolean localDeleted, Body localBody,
                       String remoteRevId, boolean remoteDeleted, Body remoteBody) {
}
