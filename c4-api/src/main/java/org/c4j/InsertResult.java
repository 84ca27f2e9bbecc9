package org.c4j;

/**
 * Outcome of {@link Collection#insertExisting}: the document afterwards and how many revisions of the request's
 * history were new (0: the revision was already there, or was older than what the peer sent before; nothing
 * was saved).
 *
 * <p>Immutable; thread-safe.
 */
public record InsertResult(Document document, int newRevisions) {
}
