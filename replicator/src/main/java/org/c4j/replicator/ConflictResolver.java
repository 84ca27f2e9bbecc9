package org.c4j.replicator;

import org.c4j.Body;
import org.c4j.replicator.internal.db.DbAccess;

/**
 * Resolves a {@link Conflict} found while pulling. The result is saved as a new local revision on top of the
 * winning branch, and the losing branch is closed; a push replicator then sends it back.
 *
 * <p>Called on a replicator worker thread; implementations must be thread-safe.
 */
@FunctionalInterface
public interface ConflictResolver {

    /**
     * @return which side wins and the body to save on top of it (a {@code null} body saves a deletion)
     */
    Resolution resolve(Conflict conflict);

    /** A resolver's answer: which side wins and the body to save (null body = deletion). */
    record Resolution(boolean remoteWins, Body body) {
        public static Resolution local(Conflict c) {
            return new Resolution(false, c.localDeleted() ? null : c.localBody());
        }

        public static Resolution remote(Conflict c) {
            return new Resolution(true, c.remoteDeleted() ? null : c.remoteBody());
        }
    }

    /**
     * Couchbase Lite's default: a deletion wins; otherwise the revision with the higher generation wins, and on equal
     * generations the higher revision ID.
     */
    ConflictResolver DEFAULT = c -> {
        if (c.remoteDeleted() != c.localDeleted()) {
            return c.remoteDeleted() ? Resolution.remote(c) : Resolution.local(c);
        }
        int cmp = DbAccess.compareRevIds(c.remoteRevId(), c.localRevId());
        return cmp > 0 ? Resolution.remote(c) : Resolution.local(c);
    };
}
