package org.c4j.replicator.internal.wire;

import java.util.List;

/**
 * The receiver's answer to one {@code changes} entry: send it (listing the ancestors it already has, possibly
 * none), don't send it, or a status (LiteCore's passive side answers 409 to a conflicting change).
 *
 * @param status    0 unless rejected
 * @param ancestors revIDs the receiver has (newest first) when the revision is wanted; null when not wanted
 *
 * <p>Immutable; thread-safe.
 */
public record ChangeReply(int status, List<String> ancestors) {
    /** Not wanted: the receiver has it or a newer revision. Also what an omitted trailing entry means. */
    public static final ChangeReply NOT_WANTED = new ChangeReply(0, null);

    public ChangeReply {
        if (ancestors != null) {
            if (status != 0) {
                throw new IllegalArgumentException("a rejected change has no ancestors");
            }
            ancestors = List.copyOf(ancestors);
        }
    }

    /** Please send the revision; these are the ancestors I have (may be empty). */
    public static ChangeReply wanted(List<String> ancestors) {
        return new ChangeReply(0, ancestors);
    }

    /** Rejected with an HTTP-like status (e.g. 409). */
    public static ChangeReply rejected(int status) {
        if (status == 0) {
            throw new IllegalArgumentException("status 0 is not a rejection");
        }
        return new ChangeReply(status, null);
    }

    public boolean isWanted() {
        return ancestors != null;
    }
}
