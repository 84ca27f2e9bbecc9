package org.c4j;

/**
 * One revision of a {@link Document}'s tree: its ID, parent, flags, the sequence it was saved at, and its body
 * if still stored (leaves and revisions kept as merge bases), else null.
 *
 * <p>Immutable; thread-safe.
 */
public record Revision(String revId, String parentRevId, long sequence, boolean deleted, boolean leaf,
                       boolean conflict, boolean closed, boolean hasAttachments, Body body) {
    /** The generation (the number before the dash). */
    public long generation() {
        return Long.parseLong(revId.substring(0, revId.indexOf('-')));
    }
}
