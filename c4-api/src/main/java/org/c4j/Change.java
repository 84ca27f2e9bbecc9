package org.c4j;

/**
 * One entry of a changes feed or a by-ID enumeration: a document's current revision, its sequence and flags, the
 * size of its stored body, and the body itself if asked for ({@link ChangesOptions#withBodies()}), else null.
 *
 * <p>Immutable; thread-safe.
 */
public record Change(String docId, String revId, long sequence, boolean deleted, boolean conflicted,
                     boolean hasAttachments, int bodySize, Body body) {
}
