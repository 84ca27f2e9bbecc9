package org.c4j.replicator.internal.core;

import java.util.function.Consumer;

import org.c4j.CollectionSpec;
import org.c4j.replicator.ConflictResolver;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.RevisionTransfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's callbacks a replicator's workers consult. Immutable.
 *
 * @param pushFilter null = push everything
 * @param pullFilter null = accept everything
 * @param resolver   never null ({@link ConflictResolver#DEFAULT} unless the application gave one)
 * @param transfers  told of every rev sent or received (on worker threads); null = nobody
 */
public record ReplicationHooks(ReplicationFilter pushFilter, ReplicationFilter pullFilter, ConflictResolver resolver,
                               Consumer<RevisionTransfer> transfers) {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationHooks.class);

    public ReplicationHooks {
        if (resolver == null) {
            resolver = ConflictResolver.DEFAULT;
        }
    }

    public ReplicationHooks(ReplicationFilter pushFilter, ReplicationFilter pullFilter, ConflictResolver resolver) {
        this(pushFilter, pullFilter, resolver, null);
    }

    public static final ReplicationHooks NONE = new ReplicationHooks(null, null, null, null);

    /** Reports a rev sent ({@code rev} true) or a norev (false: not reported). */
    public void revSent(CollectionSpec c, String docId, String revId, String deltaSrc, int bodyBytes, boolean rev) {
        if (rev) {
            report(new RevisionTransfer(true, c, docId, revId, deltaSrc, bodyBytes));
        }
    }

    public void revReceived(CollectionSpec c, String docId, String revId, String deltaSrc, int bodyBytes) {
        report(new RevisionTransfer(false, c, docId, revId, deltaSrc, bodyBytes));
    }

    private void report(RevisionTransfer t) {
        if (transfers != null) {
            try {
                transfers.accept(t);
            } catch (RuntimeException e) {
                LOG.warn("revision transfer listener failed", e);
            }
        }
    }
}
