package org.c4j.replicator;

import java.util.Objects;

import org.c4j.Body;
import org.c4j.CollectionSpec;
import org.c4j.socket.Principal;

/**
 * What a {@link SyncFunction} is given for one revision. Immutable.
 *
 * @param collection the document's collection
 * @param docId      the document ID
 * @param body       the new revision's body ({@link Body#empty()} for a deletion)
 * @param deleted    the new revision is a deletion (tombstone)
 * @param oldBody    the body of the current revision it replaces, or null (new document, tombstone, a local write,
 *                   or a recomputation, where the previous body is not known)
 * @param principal  who pushed it, or null for a local write or a recomputation (Sync Gateway's admin context)
 */
public record SyncInput(CollectionSpec collection, String docId, Body body, boolean deleted, Body oldBody,
                        Principal principal) {
    public SyncInput {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(docId, "docId");
        body = body == null ? Body.empty() : body;
    }
}
