package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.List;

import org.c4j.Change;
import org.c4j.replicator.internal.access.PullAccess;
import org.c4j.replicator.internal.core.ReplTuning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passive pusher's part of per-user access: the change lists that tell a peer it lost access (revocation entries,
 * no {@code rev} follows) and those that offer revisions of channels it gained. Stateless.
 */
final class AccessOffers {
    private static final Logger LOG = LoggerFactory.getLogger(AccessOffers.class);

    private AccessOffers() {
    }

    /** Change lists of revocation entries with the deleted-slot value {@code flags} (2 revoked, 4 removed). */
    static List<List<RevToSend>> revocations(List<PullAccess.Removal> removals, int flags) {
        List<List<RevToSend>> lists = new ArrayList<>();
        if (removals.isEmpty()) {
            return lists;
        }
        LOG.info("telling the peer it lost access to {} document(s)", removals.size());
        List<RevToSend> revs = new ArrayList<>();
        for (PullAccess.Removal r : removals) {
            RevToSend rev = new RevToSend(r.docId(), r.revId(), r.sequence(), false, 0);
            rev.removal = flags;
            revs.add(rev);
            if (revs.size() == ReplTuning.DEFAULT_CHANGE_BATCH_SIZE) {
                lists.add(revs);
                revs = new ArrayList<>();
            }
        }
        if (!revs.isEmpty()) {
            lists.add(revs);
        }
        return lists;
    }

    /** Change lists offering revisions of channels the peer gained (its checkpoint is past them). */
    static List<List<RevToSend>> backfill(List<Change> changes) {
        List<List<RevToSend>> lists = new ArrayList<>();
        if (!changes.isEmpty()) {
            LOG.info("offering the peer {} revision(s) of channels it gained", changes.size());
        }
        int step = ReplTuning.DEFAULT_CHANGE_BATCH_SIZE;
        for (int i = 0; i < changes.size(); i += step) {
            List<RevToSend> revs = new ArrayList<>();
            for (Change c : changes.subList(i, Math.min(changes.size(), i + step))) {
                revs.add(new RevToSend(c.docId(), c.revId(), c.sequence(), c.deleted(), c.bodySize()));
            }
            lists.add(revs);
        }
        return lists;
    }
}
