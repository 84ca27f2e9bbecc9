package org.c4j;

/**
 * One document change reported to observers: the document, its new current revision and sequence. A purge is
 * reported with a null {@code revId} and sequence 0.
 *
 * <p>Immutable; thread-safe.
 */
public record DocumentChange(String docId, String revId, long sequence, boolean deleted) {
    /** True if the document was purged (or expired). */
    public boolean purged() {
        return revId == null;
    }
}
