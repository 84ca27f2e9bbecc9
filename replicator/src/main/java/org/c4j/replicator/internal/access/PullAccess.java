package org.c4j.replicator.internal.access;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.c4j.Change;
import org.c4j.ChangesOptions;
import org.c4j.Document;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.socket.Principal;

/**
 * What one peer's pull (one {@code subChanges}) may receive, and what it must be told, as Sync Gateway 3 does:
 * <ul>
 *   <li>{@link #filter()}: a revision is offered if the principal may read it and it is in the channels the peer asked
 *       for (if any);</li>
 *   <li>a revision that is not, of a document that was in such a channel before (its channel history; readable now
 *       or at the peer's last pull), is collected as a removal ({@link #drainRemovals()}) for a peer that asked {@code revocations: true};</li>
 *   <li>{@link #start(long)}: against what this peer could read when its last pull caught up (kept per user and
 *       checkpoint client ID), documents at or before its checkpoint in channels it lost are revoked (same condition),
 *       and those in channels it gained are offered again (Sync Gateway's backfill), since its checkpoint is past
 *       them.</li>
 * </ul>
 * What the peer could read is recorded when its pull catches up ({@link #caughtUp()}), so an interrupted pull is told
 * again next time.
 *
 * <p>Not thread-safe: used on the passive pusher's executor.
 */
public final class PullAccess {
    /** A document to tell the peer about: it may read it no more. */
    public record Removal(String docId, String revId, long sequence) {
    }

    /** What a pull starts with: revocations, and revisions of gained channels the checkpoint is past. */
    public record Start(List<Removal> revoked, List<Change> backfill) {
    }

    private static final int SCAN_BATCH = 1000;

    private final AccessState state;
    private final Principal principal;
    private final String peerKey;
    private final DbAccess coll;
    private final Set<String> wanted;
    private final ReplicationFilter base;
    private final boolean revocations;
    private final List<Removal> removals = new ArrayList<>();
    private Set<String> readableAtStart;
    /** What the peer could read at its last pull (from {@link #start}), or null. */
    private Set<String> before;

    PullAccess(AccessState state, Principal principal, String peerKey, DbAccess coll, Set<String> wanted,
               ReplicationFilter base, boolean revocations) {
        this.state = state;
        this.principal = principal;
        this.peerKey = peerKey + "/" + coll.spec();
        this.coll = coll;
        this.wanted = wanted;
        this.base = base;
        this.revocations = revocations;
    }

    private boolean readable(Set<String> readable, Set<String> channels) {
        return AccessState.canRead(readable, channels) && (wanted == null || AccessState.canRead(wanted, channels));
    }

    /** The changes feed's filter; collects removals as a side effect (when revocations were asked for). */
    public ReplicationFilter filter() {
        return (spec, docId, revId, deleted, body) -> {
            AccessEntry e = state.entry(coll, docId, revId);
            if (e == null) {
                return false;
            }
            Set<String> readable = state.channelsOf(principal);
            if (readable(readable, e.channels())) {
                return base == null || base.test(spec, docId, revId, deleted, body);
            }
            if (revocations && (readable(readable, e.was()) || (before != null && readable(before, e.was())))) {
                removals.add(new Removal(docId, revId, -1));
            }
            return false;
        };
    }

    /** The removals collected since the last call, with their sequences. */
    public List<Removal> drainRemovals() {
        List<Removal> out = new ArrayList<>(removals.size());
        for (Removal r : removals) {
            Document doc = coll.get(r.docId());
            if (doc != null && doc.revId().equals(r.revId())) {
                out.add(new Removal(r.docId(), r.revId(), doc.sequence()));
            }
        }
        removals.clear();
        return out;
    }

    /** Compares with the peer's last pull: what it lost (if it asked for revocations) and gained up to {@code since}. */
    public Start start(long since) {
        Set<String> now = state.channelsOf(principal);
        readableAtStart = now;
        before = state.lastReadable(peerKey);
        List<Removal> revoked = new ArrayList<>();
        List<Change> backfill = new ArrayList<>();
        if (since <= 0 || before == null || before.equals(now)) {
            return new Start(revoked, backfill);
        }
        Set<String> lost = minus(before, now);
        Set<String> gained = minus(now, before);
        long after = 0;
        while (true) {
            List<Change> batch = coll.changes(after, new ChangesOptions(false, true, SCAN_BATCH));
            for (Change c : batch) {
                after = Math.max(after, c.sequence());
                if (c.sequence() > since) {
                    continue; // the feed brings it (as a removal if need be)
                }
                AccessEntry e = state.entry(coll, c.docId(), c.revId());
                if (e == null) {
                    continue;
                }
                if (readable(now, e.channels())) {
                    if (!c.deleted() && AccessState.canRead(gained, e.channels())) {
                        backfill.add(c);
                    }
                } else if (revocations && AccessState.canRead(lost, e.was()) && readable(before, e.was())) {
                    revoked.add(new Removal(c.docId(), c.revId(), c.sequence()));
                }
            }
            if (batch.size() < SCAN_BATCH) {
                return new Start(revoked, backfill);
            }
        }
    }

    /** The pull caught up: records what the peer could read, for its next pull. */
    public void caughtUp() {
        if (readableAtStart != null) {
            state.saveReadable(peerKey, readableAtStart);
        }
    }

    /** {@code a} minus {@code b}; {@code *} in {@code a} but not in {@code b} stays as {@code *} (everything). */
    private static Set<String> minus(Set<String> a, Set<String> b) {
        if (b.contains(Principal.ALL_CHANNELS)) {
            return Set.of();
        }
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }
}
