package org.c4j.replicator.internal.pull;

import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.SyncResult;
import org.c4j.replicator.internal.access.AccessGate;
import org.c4j.replicator.internal.core.ReplContext;
import org.c4j.replicator.internal.wire.BlipError;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.RevMessage;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks a parsed incoming revision passes before its blobs are fetched and it is stored: a pushed
 * {@code _removed} marker is refused (403: it means "access revoked" only when pulled from a server); a purge is
 * skipped when auto-purge is off; the pull filter and the sync function of an access-controlled listener may
 * reject it. An admitted revision learns what to record for access control once stored. Stateless; called on the
 * puller's executor.
 */
final class RevAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(RevAdmission.class);

    private RevAdmission() {
    }

    /**
     * @param passive the revision was pushed to us (not pulled by us)
     * @return true to go on with the revision; false if it goes no further and is finished as it is: with
     *         {@code rev.error} saying why, or none for a purge that auto-purge keeps from happening
     */
    static boolean admit(ReplContext ctx, IncomingRev rev, boolean passive) {
        RevMessage msg = rev.rev;
        if (rev.isPurge() && passive) {
            LOG.warn("Refusing pushed '{}' #{}: it carries the server-only _removed marker", msg.docId(), msg.revId());
            rev.error = new C4Exception(ErrorDomain.WEBSOCKET, ReplWire.STATUS_FORBIDDEN,
                    "a pushed revision may not carry _removed");
            return false;
        }
        if (rev.isPurge() && !ctx.options().getBool(OptionKeys.AUTO_PURGE, true)) {
            return false; // the document left the user's channels, but auto-purge is off: keep it as it is
        }
        ReplicationFilter filter = ctx.hooks().pullFilter();
        if (filter != null && !rev.isPurge()
                && !filter.test(ctx.db().spec(), msg.docId(), msg.revId(), msg.deleted(), rev.body())) {
            BlipError rejected = ReplWire.REJECTED_BY_FILTER;
            rev.error = ReplWire.fromBlipError(rejected.domain(), rejected.code(), rejected.message());
            return false;
        }
        AccessGate gate = ctx.access();
        if (gate != null && !rev.isPurge()) {
            SyncResult verdict = gate.admit(ctx.db(), msg.docId(), rev.body(), msg.deleted());
            if (verdict.rejected()) {
                LOG.info("sync function rejected '{}' #{} from {}: {}", msg.docId(), msg.revId(),
                        gate.principal().name(), verdict.rejection());
                rev.error = new C4Exception(ErrorDomain.WEBSOCKET, ReplWire.STATUS_FORBIDDEN, verdict.rejection());
                return false;
            }
            rev.access = v -> gate.stored(ctx.db().spec(), v, msg.revId(), verdict);
        }
        return true;
    }
}
