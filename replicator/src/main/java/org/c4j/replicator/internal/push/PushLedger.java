package org.c4j.replicator.internal.push;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.c4j.replicator.internal.checkpoint.Checkpointer;
import org.c4j.replicator.internal.db.DbAccess;

/**
 * The pusher's bookkeeping of revisions in progress (LiteCore's {@code _pushingDocs} with {@code doneWithRev}): at
 * most one revision per document is between the feed and the peer's answer; a newer one read meanwhile waits as
 * its {@code nextRev}. An active push also tells the checkpointer which local sequences are pending and completed,
 * and records what the peer acknowledged as the documents' remote revisions. Counts documents for progress.
 *
 * <p>Not thread-safe: confined to the pusher's executor.
 */
public final class PushLedger {
    private final Checkpointer checkpointer;
    private final RemoteMarks marks;
    private final ChangesFeedReader feed;
    private final Map<String, RevToSend> inProgress = new HashMap<>();
    private long completedDocs;
    private long totalDocs;

    /**
     * @param checkpointer the active push's checkpointer, or null for a passive push (it has no checkpoint)
     * @param marks        where acknowledged revisions are recorded, or null for a passive push
     * @param feed         re-checks a waiting revision before it is offered
     */
    PushLedger(Checkpointer checkpointer, RemoteMarks marks, ChangesFeedReader feed) {
        this.checkpointer = checkpointer;
        this.marks = marks;
        this.feed = feed;
    }

    /**
     * Takes a batch read from the feed: records its sequences as pending (the skipped ones as completed at once)
     * and returns the revisions to offer now; a revision of a document already in progress waits for it.
     */
    List<RevToSend> admit(ChangesFeedReader.Batch batch) {
        List<RevToSend> now = new ArrayList<>(batch.revs().size());
        for (RevToSend rev : batch.revs()) {
            pending(rev.sequence);
            RevToSend earlier = inProgress.putIfAbsent(rev.docId, rev);
            if (earlier == null) {
                now.add(rev);
            } else {
                RevToSend replaced = earlier.nextRev;
                earlier.nextRev = rev;
                if (replaced != null) {
                    feed.takeSnapshot(replaced);
                    completed(replaced.sequence); // superseded before it was ever offered
                }
            }
        }
        for (long seq : batch.skipped()) {
            pending(seq);
            completed(seq);
        }
        return now;
    }

    /** Counts revisions offered to the peer. */
    void offered(int count) {
        totalDocs += count;
    }

    /** A finished revision goes back in progress to be offered again (a retry), counted again as LiteCore does. */
    void readmit(RevToSend rev) {
        inProgress.put(rev.docId, rev);
        totalDocs++;
    }

    /**
     * A revision is finished. {@code completed}: the checkpoint may move past its sequence; {@code synced}: the peer
     * has it now. Returns a newer revision of the same document that waited for this one and is still worth
     * offering (LiteCore: not if the peer now has an equal or newer generation), or null.
     */
    RevToSend finish(RevToSend rev, boolean completed, boolean synced) {
        completedDocs++;
        feed.takeSnapshot(rev); // not sent: no longer kept
        if (completed) {
            completed(rev.sequence);
        }
        if (synced && marks != null) {
            marks.add(rev.docId, rev.revId);
        }
        inProgress.remove(rev.docId, rev);
        RevToSend next = rev.nextRev;
        rev.nextRev = null;
        if (next == null) {
            return null;
        }
        boolean offer;
        if (synced && marks != null) {
            next.remoteAncestorRevId = rev.revId;
            offer = DbAccess.generation(next.revId) > DbAccess.generation(rev.revId)
                    && feed.stillWanted(next);
        } else {
            if (marks != null) {
                marks.flush(); // the feed reads remote markers
            }
            offer = feed.stillWanted(next);
        }
        if (!offer) {
            feed.takeSnapshot(next);
            completed(next.sequence);
            return null;
        }
        inProgress.put(next.docId, next);
        return next;
    }

    /** Completes a sequence outside {@link #finish} (an obsolete revision: a newer one follows in the feed). */
    void completed(long seq) {
        if (checkpointer != null) {
            checkpointer.pushCompleted(seq);
        }
    }

    private void pending(long seq) {
        if (checkpointer != null) {
            checkpointer.pushPending(seq);
        }
    }

    boolean isEmpty() {
        return inProgress.isEmpty();
    }

    long completedDocs() {
        return completedDocs;
    }

    long totalDocs() {
        return totalDocs;
    }
}
