package org.c4j.replicator.internal.pull;

import org.c4j.replicator.internal.core.Direction;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.socket.C4Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An active puller's handling of a revocation entry (Sync Gateway 3: the user lost access to the document, or it
 * left the user's channels), as LiteCore 3.0's {@code IncomingRev::handleRevokedDoc}: with auto-purge on (the default)
 * the document is purged, otherwise kept; either way it is reported as access-removed. Stateless.
 */
final class Revocation {
    private static final Logger LOG = LoggerFactory.getLogger(Revocation.class);

    private Revocation() {
    }

    /** Purges the document if {@code autoPurge}; returns the document event to report. */
    static DocumentEnded apply(DbAccess db, ChangeEntry c, boolean autoPurge) {
        C4Exception error = null;
        if (autoPurge) {
            try {
                db.inBatch(() -> {
                    if (db.get(c.docId()) != null) {
                        db.purge(c.docId());
                    }
                });
            } catch (C4Exception e) {
                error = e;
            }
        }
        LOG.info("access to '{}' removed by the peer{}", c.docId(), autoPurge ? ": purged" : " (auto-purge off: kept)");
        return new DocumentEnded(Direction.PULL, db.spec(), c.docId(), c.revId(), false, error, true);
    }
}
