package org.c4j.replicator.internal.pull;

import org.c4j.replicator.internal.core.ReplTuning;

/**
 * The puller's counts of incoming revisions, after LiteCore's {@code RevFinder} and {@code Puller} counters:
 * <ul>
 *   <li><b>requested</b>: asked for in change-list replies, their {@code rev}/{@code norev} not started yet; past
 *       {@link ReplTuning#MAX_REVS_BEING_REQUESTED} further change lists wait unanswered, which throttles the peer;</li>
 *   <li><b>active</b>: started and not yet inside an insert transaction (parsing, blobs, waiting for the inserter),
 *       at most {@link ReplTuning#MAX_ACTIVE_INCOMING_REVS};</li>
 *   <li><b>unfinished</b>: started and not yet ended (active, or inserted and waiting for the commit), at most
 *       {@link ReplTuning#MAX_INCOMING_REVS}.</li>
 * </ul>
 * A revision stops being active once it is inserted, before its transaction commits (LiteCore's
 * {@code revisionProvisionallyInserted}): the revisions waiting behind it start, and the change lists waiting behind
 * those get answered, while the commit waits for the disk. Its reply still waits for the commit.
 *
 * <p>Not thread-safe: owned by the puller's worker executor, as are the {@link IncomingRev#provisional} flags.
 */
final class RevSlots {
    private int requested;
    private int active;
    private int unfinished;

    /** {@code n} more revisions were asked for in a change-list reply. */
    void requested(int n) {
        requested += n;
    }

    /** False while so many requested revisions haven't started that change lists must wait. */
    boolean mayAnswerChangeList() {
        return requested <= ReplTuning.MAX_REVS_BEING_REQUESTED;
    }

    /** True if one more revision may start. */
    boolean mayStart() {
        return active < ReplTuning.MAX_ACTIVE_INCOMING_REVS && unfinished < ReplTuning.MAX_INCOMING_REVS;
    }

    /** A requested revision's {@code rev} or {@code norev} arrived and is handled now. */
    void received() {
        requested = Math.max(0, requested - 1);
    }

    /** A {@code rev} starts (after {@link #received}). */
    void started() {
        active++;
        unfinished++;
    }

    /** A started revision is given back to the peer to send again (a delta it must resend in full). */
    void reRequested() {
        requested++;
        active--;
        unfinished--;
    }

    /** {@code rev} is inside an insert transaction (called once or more; counts once). */
    void inserted(IncomingRev rev) {
        if (!rev.provisional) {
            rev.provisional = true;
            active--;
        }
    }

    /** A started revision ended: stored, refused or failed. */
    void ended(IncomingRev rev) {
        unfinished--;
        if (!rev.provisional) {
            active--;
        }
    }

    /** True while any revision is requested or unfinished. */
    boolean busy() {
        return requested > 0 || unfinished > 0;
    }

    int requestedCount() {
        return requested;
    }

    int activeCount() {
        return active;
    }

    int unfinishedCount() {
        return unfinished;
    }
}
