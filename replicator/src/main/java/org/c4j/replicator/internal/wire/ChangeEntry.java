package org.c4j.replicator.internal.wire;

import java.util.Objects;

import org.c4j.replicator.internal.pull.RevFinder;

/**
 * One entry of a {@code changes} body: {@code [sequence, docID, revID, deleted?, bodySize?]}.
 *
 * @param sequence the sender's sequence, opaque (numbers from LiteCore, possibly strings from Sync Gateway)
 * @param flags    the deleted slot: 0 live, 1 tombstone; Sync Gateway 3 adds 2 revoked, 3 revoked + deleted,
 *                 4 removed from a channel, 5 deleted + removed (see {@link #isRevocation()})
 * @param bodySize approximate body size in bytes, 0 if unknown
 *
 * <p>Immutable; thread-safe.
 */
public record ChangeEntry(RemoteSequence sequence, String docId, String revId, int flags, long bodySize) {
    /** Deleted-slot bit: the revision is a tombstone. */
    public static final int DELETED = 1;
    /** Deleted-slot value: the user lost access to the document (Sync Gateway 3). */
    public static final int REVOKED = 2;
    /** Deleted-slot bit: the document left a channel the user can see (Sync Gateway 3). */
    public static final int REMOVED = 4;

    public ChangeEntry {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(docId, "docId");
        Objects.requireNonNull(revId, "revId");
        if (flags < 0 || bodySize < 0) {
            throw new IllegalArgumentException("negative flags or bodySize");
        }
    }

    /** A live or deleted revision with a numeric sequence, as our pusher sends them. */
    public static ChangeEntry of(long sequence, String docId, String revId, boolean deleted, long bodySize) {
        return new ChangeEntry(RemoteSequence.of(sequence), docId, revId, deleted ? DELETED : 0, bodySize);
    }

    /** A tombstone (bit 1), including the tombstone-plus-removal value 5 that LiteCore treats as a tombstone. */
    public boolean isDeleted() {
        return (flags & DELETED) != 0;
    }

    /**
     * Access to the document was lost (values 2, 3, 4, 6, ...: anything but 0, 1 and 5): the puller purges it
     * instead of requesting a revision (LiteCore RevFinder {@code findRevs}).
     */
    public boolean isRevocation() {
        return flags > DELETED && flags != (REMOVED | DELETED);
    }

    /** For a revocation: true if the document left a channel (flag 4), false if access was revoked (2, 3). */
    public boolean isChannelRemoval() {
        return flags >= REMOVED;
    }
}
