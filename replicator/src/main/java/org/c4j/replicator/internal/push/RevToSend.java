package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.List;

import org.c4j.Document;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.replicator.internal.wire.ChangesCodec;
import org.c4j.replicator.internal.wire.ProposedChange;
import org.c4j.replicator.internal.wire.RemoteSequence;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorDomain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One revision the pusher is offering or sending, from the moment the changes feed reads it until the peer has
 * answered (LiteCore's {@code RevToSend}): what the feed knew about it, what the peer said about it, and a newer
 * revision of the same document that arrived meanwhile and waits for this one to finish.
 *
 * <p>Not thread-safe: owned by the pusher's executor.
 */
public final class RevToSend {
    private static final Logger LOG = LoggerFactory.getLogger(RevToSend.class);

    final String docId;
    final String revId;
    final long sequence;
    final boolean deleted;
    /** Size of the stored body in bytes (0 if unknown), announced in change lists and counted for flow control. */
    final int bodySize;

    /** Active push: the revision the peer is known to have (from the remote marker or a 409 reply), or null. */
    String remoteAncestorRevId;
    /** Passive push: the ancestors the peer said it has (reply to {@code changes}); empty if none. */
    final List<String> knownAncestors = new ArrayList<>(0);
    /** Most revisions (this one included) the history may list, from the change list's reply. */
    /** Non-zero: a revocation entry with this deleted-slot value (Sync Gateway 3: 2 revoked, 4 removed). */
    int removal;
    int maxHistory = ReplTuning.DEFAULT_MAX_HISTORY;
    /** The peer did not say {@code blobs}: it wants blobs described in {@code _attachments} too. */
    boolean legacyAttachments;
    /** The peer accepted the proposal ({@code proposeChanges} status 0): send {@code noconflicts}. */
    boolean noConflicts;
    /**
     * The peer takes deltas (it said {@code deltas} and neither side set {@code noDeltas}); cleared when it refused
     * one (HTTP 422), so the resend carries the full body.
     */
    boolean deltaOk;
    /** A 403 reply is retried once (as LiteCore does); this counts the retries. */
    int retryCount;
    /** A newer revision of the same document read while this one was in progress. */
    RevToSend nextRev;
    /**
     * The document as the changes feed read it (active push), so the {@code rev} needn't read it again if it was
     * unchanged when the peer answered; null if none is kept. Owned by {@link ChangesFeedReader}, which bounds what
     * is kept and drops what changed.
     */
    Document snapshot;

    RevToSend(String docId, String revId, long sequence, boolean deleted, int bodySize) {
        this.docId = docId;
        this.revId = revId;
        this.sequence = sequence;
        this.deleted = deleted;
        this.bodySize = Math.max(bodySize, 0);
    }

    /** Bases to try for a delta, best first: the proposed parent, then the ancestors the peer listed. */
    List<String> deltaBaseCandidates() {
        if (remoteAncestorRevId == null) {
            return knownAncestors;
        }
        List<String> all = new ArrayList<>(knownAncestors.size() + 1);
        all.add(remoteAncestorRevId);
        all.addAll(knownAncestors);
        return all;
    }

    /** The revisions the peer has that the history may stop at. */
    List<String> ancestorsKnownToPeer() {
        if (remoteAncestorRevId == null) {
            return knownAncestors;
        }
        List<String> all = new ArrayList<>(knownAncestors.size() + 1);
        all.addAll(knownAncestors);
        all.add(remoteAncestorRevId);
        return all;
    }

    @Override
    public String toString() {
        return "'" + docId + "' " + revId + " #" + sequence + (deleted ? " deleted" : "");
    }

    /**
     * After a 409 that names the peer's current revision: if that revision is an ancestor of ours, ours can be
     * proposed again with it as the parent (LiteCore's {@code shouldRetryConflictWithNewerAncestor}); then it is
     * this revision's parent on the peer, and true is returned.
     */
    boolean rebaseOnServerRevision(DbAccess db, String serverRevId) {
        if (serverRevId == null || serverRevId.equals(remoteAncestorRevId)) {
            return false;
        }
        Document doc = db.get(docId);
        if (doc == null || !doc.revId().equals(revId) || !doc.history(revId).contains(serverRevId)) {
            return false;
        }
        LOG.info("peer has {} of '{}'; proposing {} again on top of it", serverRevId, docId, revId);
        remoteAncestorRevId = serverRevId;
        return true;
    }

    /**
     * A {@code proposeChanges} (active) or {@code changes} (passive) request offering {@code revs}, for the
     * collection at {@code collectionIndex} (-1: the default collection's connection).
     */
    static OutgoingMessage.Builder changeList(List<RevToSend> revs, boolean proposed, int collectionIndex) {
        OutgoingMessage.Builder msg = OutgoingMessage.request(proposed ? ReplWire.PROPOSE_CHANGES : ReplWire.CHANGES);
        if (proposed) {
            msg.property(ReplWire.CONFLICT_INCLUDES_REV, ReplWire.TRUE);
        }
        if (collectionIndex >= 0) {
            msg.property(ReplWire.COLLECTION, Integer.toString(collectionIndex));
        }
        return msg.urgent(ReplTuning.CHANGE_MESSAGES_ARE_URGENT).compressed(!revs.isEmpty())
                .body(encodeChangeList(revs, proposed));
    }

    /**
     * What the peer's reply to a change list says about sending {@code revs}: how much history (bounded by what
     * we ever send: a peer asking for 2^31 gets {@link ReplTuning#MAX_HISTORY_SENT}), whether it takes blobs, and
     * whether deltas may be sent ({@code deltasOk}).
     */
    static void applyReplyTerms(List<RevToSend> revs, IncomingMessage reply, boolean deltasOk) {
        int maxHistory = (int) Math.max(1, Math.min(ReplTuning.MAX_HISTORY_SENT,
                ReplWire.parseLong(reply.property(ReplWire.MAX_HISTORY), ReplTuning.DEFAULT_MAX_HISTORY)));
        boolean legacyAttachments = !ReplWire.parseBool(reply.property(ReplWire.BLOBS), false);
        for (RevToSend rev : revs) {
            rev.maxHistory = maxHistory;
            rev.legacyAttachments = legacyAttachments;
            rev.deltaOk = deltasOk;
        }
    }

    /** The body of a {@code changes} or {@code proposeChanges} message offering these revisions. */
    static byte[] encodeChangeList(List<RevToSend> revs, boolean proposed) {
        if (proposed) {
            List<ProposedChange> entries = new ArrayList<>(revs.size());
            for (RevToSend r : revs) {
                entries.add(new ProposedChange(r.docId, r.revId, r.remoteAncestorRevId, r.bodySize));
            }
            return ChangesCodec.encodeProposals(entries);
        }
        List<ChangeEntry> entries = new ArrayList<>(revs.size());
        for (RevToSend r : revs) {
            entries.add(r.removal != 0
                    ? new ChangeEntry(RemoteSequence.of(r.sequence), r.docId, r.revId, r.removal, 0)
                    : ChangeEntry.of(r.sequence, r.docId, r.revId, r.deleted, r.bodySize));
        }
        return ChangesCodec.encodeChanges(entries);
    }

    /**
     * How a revision the peer refused ends (LiteCore's rules): a transient error leaves the checkpoint before it (a
     * later replication sends it again); a 403 is retried once, offered again later by an active pusher.
     */
    record Refusal(boolean completed, boolean retryLater) {
        static Refusal of(C4Exception error, RevToSend rev, boolean passive) {
            if (error.isTransient()) {
                return new Refusal(false, false);
            }
            if (error.is(ErrorDomain.WEBSOCKET, ReplWire.STATUS_FORBIDDEN) && rev.retryCount++ == 0) {
                return new Refusal(false, !passive);
            }
            return new Refusal(true, false);
        }
    }
}
