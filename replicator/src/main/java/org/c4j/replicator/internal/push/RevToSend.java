package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.List;

import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.replicator.internal.wire.ChangesCodec;
import org.c4j.replicator.internal.wire.ProposedChange;

/**
 * One revision the pusher is offering or sending, from the moment the changes feed reads it until the peer has
 * answered (LiteCore's {@code RevToSend}): what the feed knew about it, what the peer said about it, and a newer
 * revision of the same document that arrived meanwhile and waits for this one to finish.
 *
 * <p>Not thread-safe: owned by the pusher's executor.
 */
public final class RevToSend {
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
            entries.add(ChangeEntry.of(r.sequence, r.docId, r.revId, r.deleted, r.bodySize));
        }
        return ChangesCodec.encodeChanges(entries);
    }
}
