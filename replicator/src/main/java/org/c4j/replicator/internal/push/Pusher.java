package org.c4j.replicator.internal.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.c4j.ListenerToken;
import org.c4j.blip.IncomingMessage;
import org.c4j.blip.OutgoingMessage;
import org.c4j.replicator.ReplicationFilter;
import org.c4j.replicator.internal.access.AccessGate;
import org.c4j.replicator.internal.access.PullAccess;
import org.c4j.replicator.internal.core.Activity;
import org.c4j.replicator.internal.core.Direction;
import org.c4j.replicator.internal.core.DocumentEnded;
import org.c4j.replicator.internal.core.ReplContext;
import org.c4j.replicator.internal.core.ReplTuning;
import org.c4j.replicator.internal.core.WorkerStatus;
import org.c4j.replicator.internal.db.DbAccess;
import org.c4j.replicator.internal.db.RevDelta;
import org.c4j.replicator.internal.wire.ChangeEntry;
import org.c4j.replicator.internal.wire.ChangeReply;
import org.c4j.replicator.internal.wire.ChangesCodec;
import org.c4j.replicator.internal.wire.ProposalReply;
import org.c4j.replicator.internal.wire.ReplWire;
import org.c4j.replicator.internal.wire.SubChanges;
import org.c4j.socket.C4Exception;
import org.c4j.socket.ErrorCodes;
import org.c4j.socket.ErrorDomain;
import org.c4j.socket.OptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The side of a replication that SENDS revisions (LiteCore's {@code Pusher}), for one collection of one connection.
 *
 * <p>Active ({@link #startActive}): reads the changes feed in batches, offers each batch with {@code proposeChanges},
 * sends a {@code rev} for every revision the peer accepts, and records what the peer has (remote markers,
 * checkpoint). Passive ({@link #handleSubChanges}): serves an active puller the same way with {@code changes},
 * cutting each revision's history at the ancestors the peer says it has. A continuous push keeps watching the
 * collection after catching up. Blobs are served on request ({@link #handleGetAttachment},
 * {@link #handleProveAttachment}).
 *
 * <p>Flow control as LiteCore: at most {@link ReplTuning#MAX_CHANGE_LISTS_IN_FLIGHT} change lists unanswered (one
 * once caught up), no new reads while {@link ReplTuning#MAX_REVS_QUEUED} accepted revisions wait to be sent, and
 * {@code rev} messages bounded by count and by body bytes awaiting a reply.
 *
 * <p>Status: BUSY while anything is read, offered or sent; then an active one-shot push reports STOPPED (done), a
 * continuous or passive one IDLE. Per-document results go to {@link ReplContext#documentEnded}.
 *
 * <p><b>Threading:</b> every public method only enqueues onto the pusher's own serial executor
 * ({@link ReplContext#newWorkerExecutor}); all state is confined to it, BLIP replies and database change
 * notifications are handed over the same way, and the database is read there.
 */
public final class Pusher {
    private static final Logger LOG = LoggerFactory.getLogger(Pusher.class);

    /** The pusher's life. Transitions only in {@link #moveTo}. */
    enum State {
        /** Constructed; may start an active push or serve one subChanges. */
        NEW,
        /** Reading the backlog of changes (and offering and sending what it read). */
        BACKLOG,
        /** The backlog is read: finishing what was offered; a continuous push also watches for new changes. */
        CAUGHT_UP,
        /** Nothing more is read or sent; late replies are ignored. */
        STOPPED
    }

    private final ReplContext ctx;
    private final DbAccess db;
    private final Executor executor;
    private final BlobServer blobs;
    private final RemoteMarks marks;

    // ---- confined to the executor
    private State state = State.NEW;
    private boolean passive;
    private boolean continuous;
    private ChangesFeedReader feed;
    /** Passive with access control: what the peer's pull may receive and must be told it lost. */
    private PullAccess pullAccess;
    private PushLedger ledger;
    private ListenerToken observer;
    /** A change notification (or a full read) says the feed may have more than was read. */
    private boolean feedMayHaveMore;
    private int changeListsInFlight;
    /** Revisions the peer wants, waiting for room in the rev window. */
    private final ArrayDeque<RevToSend> revQueue = new ArrayDeque<>();
    /** Revisions refused with 403, offered once more when the pusher is otherwise done (LiteCore). */
    private final List<RevToSend> revsToRetry = new ArrayList<>();
    private int revsAwaitingReply;
    private long bytesAwaitingReply;
    /** The peer said {@code deltas} in a change-list reply (once per connection) and we didn't set noDeltas. */
    private boolean deltasOk;
    private WorkerStatus reported;

    public Pusher(ReplContext ctx) {
        this.ctx = ctx;
        this.db = ctx.db();
        this.executor = ctx.newWorkerExecutor("pusher");
        this.blobs = new BlobServer(db.blobs());
        this.marks = new RemoteMarks(db, ctx.remoteId(), executor, ctx.newWorkerExecutor("remote-marks"));
        blobs.closeAllOnClose(ctx.connection());
    }

    // ---- entry points (any thread)

    /** Starts an active push of the changes after local sequence {@code sinceLocalSeq}. */
    public void startActive(long sinceLocalSeq, boolean continuousPush) {
        run(() -> {
            moveTo(State.BACKLOG);
            continuous = continuousPush;
            feed = ChangesFeedReader.active(db, ctx, marks);
            ledger = new PushLedger(ctx.checkpointer(), marks, feed);
            LOG.info("starting {}push of {} after local sequence {}", continuous ? "continuous " : "", db.spec(),
                    sinceLocalSeq);
            startFeed(sinceLocalSeq);
        });
    }

    /** Passive: the peer's puller asks for changes. Replies at once, then sends {@code changes} messages. */
    public void handleSubChanges(IncomingMessage rq) {
        run(() -> subChanges(rq));
    }

    /** Serves a blob's bytes to the peer. */
    public void handleGetAttachment(IncomingMessage rq) {
        run(() -> {
            if (BlobServer.readable(ctx.access(), db, rq)) {
                blobs.getAttachment(rq);
            }
        });
    }

    /** Proves to the peer that a blob is here, without sending it. */
    public void handleProveAttachment(IncomingMessage rq) {
        run(() -> {
            if (BlobServer.readable(ctx.access(), db, rq)) {
                blobs.proveAttachment(rq);
            }
        });
    }

    /** Stops pushing: nothing more is read or sent; revisions already acknowledged are still recorded. */
    public void stop() {
        run(() -> {
            if (state != State.STOPPED) {
                moveTo(State.STOPPED);
            }
        });
    }

    // ---- the executor's work

    /** Runs work on the executor; a failure stops the replicator; then reports any status change. */
    private void run(Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
                afterEvent();
            } catch (C4Exception e) {
                fail(e);
            } catch (RuntimeException e) {
                fail(new C4Exception(ErrorDomain.LITECORE, ErrorCodes.LiteCore.UNEXPECTED_ERROR, e.toString(), e));
            }
        });
    }

    private void fail(C4Exception e) {
        LOG.warn("pusher of {} failed", db.spec(), e);
        if (state != State.STOPPED) {
            moveTo(State.STOPPED);
            ctx.fatal(e);
        }
    }

    private void moveTo(State next) {
        boolean allowed = switch (next) {
            case NEW -> false;
            case BACKLOG -> state == State.NEW;
            case CAUGHT_UP -> state == State.BACKLOG;
            case STOPPED -> state != State.STOPPED;
        };
        if (!allowed) {
            throw new IllegalStateException("pusher of " + db.spec() + " cannot go from " + state + " to " + next);
        }
        LOG.debug("pusher of {}: {} -> {}", db.spec(), state, next);
        state = next;
        if (next == State.STOPPED) {
            if (observer != null) {
                observer.remove();
                observer = null;
            }
            revQueue.clear();
            revsToRetry.clear();
            // STOPPED is reported once the last remote markers are committed, so the database may close then;
            // meanwhile the pusher's status stays what it was.
            marks.flush();
            marks.whenCommitted(() -> executor.execute(this::report));
        }
    }

    private void subChanges(IncomingMessage rq) {
        if (state != State.NEW) {
            ReplWire.SUBCHANGES_NOT_PASSIVE.respondTo(rq);
            return;
        }
        SubChanges sub = SubChanges.acceptOrRefuse(rq);
        if (sub == null) {
            return;
        }
        // LiteCore reads `since` as an integer (anything else is 0): our sequences are numbers.
        long since = sub.since() != null && sub.since().isNumeric() ? sub.since().number() : 0;
        moveTo(State.BACKLOG);
        passive = true;
        continuous = sub.continuous();
        AccessGate gate = ctx.access();
        ReplicationFilter filter;
        if (gate != null) {
            pullAccess = gate.pull(db, sub.channels(), ctx.hooks().pushFilter(), sub.revocations());
            filter = pullAccess.filter();
        } else {
            filter = AccessGate.byChannelOnly(sub.channels(), ctx.hooks().pushFilter());
        }
        feed = ChangesFeedReader.passive(db, ctx, filter, sub);
        ledger = new PushLedger(null, null, feed);
        LOG.info("peer is pulling {}changes of {} after sequence {}", continuous ? "continuous " : "", db.spec(),
                since);
        rq.respond(OutgoingMessage.builder().build());
        if (pullAccess != null) {
            PullAccess.Start start = pullAccess.start(since);
            AccessOffers.revocations(start.revoked(), ChangeEntry.REVOKED).forEach(this::offer);
            AccessOffers.backfill(start.backfill()).forEach(this::offer);
        }
        startFeed(since);
    }

    private void startFeed(long since) {
        feed.start(since);
        if (continuous) {
            // Observe before reading the backlog, so nothing committed in between is missed.
            observer = db.addChangeListener(change -> run(this::dbChanged));
        }
        maybeGetMoreChanges();
    }

    private void dbChanged() {
        if (state != State.STOPPED) {
            feedMayHaveMore = true;
            maybeGetMoreChanges();
        }
    }

    // ---- reading the changes feed

    private void maybeGetMoreChanges() {
        while ((state == State.BACKLOG || (state == State.CAUGHT_UP && feedMayHaveMore))
                && changeListsInFlight < (state == State.CAUGHT_UP ? 1 : ReplTuning.MAX_CHANGE_LISTS_IN_FLIGHT)
                && revQueue.size() < ReplTuning.MAX_REVS_QUEUED) {
            feedMayHaveMore = false;
            gotChanges(feed.next(ReplTuning.DEFAULT_CHANGE_BATCH_SIZE));
        }
    }

    private void gotChanges(ChangesFeedReader.Batch batch) {
        List<RevToSend> toOffer = ledger.admit(batch);
        offer(toOffer);
        if (pullAccess != null) {
            AccessOffers.revocations(pullAccess.drainRemovals(), ChangeEntry.REMOVED).forEach(this::offer);
        }
        if (state == State.BACKLOG && feed.caughtUp()) {
            LOG.info("pusher of {} caught up at sequence {}", db.spec(), batch.lastSequence());
            if (pullAccess != null) {
                pullAccess.caughtUp();
            }
            moveTo(State.CAUGHT_UP);
            if (toOffer.isEmpty() || passive) {
                // The protocol's "caught up" signal is an empty list: LiteCore sends one when the last read found
                // nothing to offer, and a passive pusher always does (the active puller waits for it).
                sendChangeList(List.of());
            }
        } else if (state == State.CAUGHT_UP && batch.full()) {
            feedMayHaveMore = true;
        }
    }

    // ---- change lists

    /** Offers revisions to the peer (nothing if empty). */
    private void offer(List<RevToSend> revs) {
        if (!revs.isEmpty()) {
            ledger.offered(revs.size());
            sendChangeList(revs);
        }
    }

    /** Sends a {@code proposeChanges} (active) or {@code changes} (passive) list; an empty one wants no reply. */
    private void sendChangeList(List<RevToSend> revs) {
        boolean proposed = !passive;
        OutgoingMessage.Builder msg = RevToSend.changeList(revs, proposed, ctx.collectionIndex());
        if (revs.isEmpty()) {
            ctx.connection().send(msg.noReply(true).build());
            return;
        }
        changeListsInFlight++;
        ctx.connection().send(msg.build()).whenComplete((reply, err) -> run(() -> {
            changeListsInFlight--;
            if (state == State.STOPPED) {
                return;
            }
            if (err != null) {
                LOG.debug("change list not answered: {}", err.toString());
                revs.forEach(r -> finish(r, false, false));
                return;
            }
            onChangeListReply(revs, reply, proposed);
        }));
    }

    private void onChangeListReply(List<RevToSend> revs, IncomingMessage reply, boolean proposed) {
        if (reply.isError()) {
            revs.forEach(r -> finish(r, false, false));
            throw ReplWire.errorOf(reply);
        }
        feed.checkSnapshots(revs);
        maybeGetMoreChanges();
        if (!deltasOk && ReplWire.parseBool(reply.property(ReplWire.DELTAS), false)
                && !ctx.options().getBool(OptionKeys.NO_DELTAS, false)) {
            deltasOk = true;
        }
        RevToSend.applyReplyTerms(revs, reply, deltasOk);
        if (proposed) {
            List<ProposalReply> answers = ChangesCodec.decodeProposalsReply(reply.body(), revs.size());
            for (int i = 0; i < revs.size(); i++) {
                onAnswer(revs.get(i), answers.get(i).status(), answers.get(i).currentRevId());
            }
        } else {
            List<ChangeReply> answers = ChangesCodec.decodeChangesReply(reply.body(), revs.size());
            for (int i = 0; i < revs.size(); i++) {
                RevToSend rev = revs.get(i);
                ChangeReply a = answers.get(i);
                if (a.isWanted()) {
                    rev.knownAncestors.addAll(a.ancestors());
                    revQueue.add(rev);
                } else if (a.status() != ReplWire.STATUS_OK) {
                    onAnswer(rev, a.status(), null);
                } else {
                    finish(rev, true, false); // the peer doesn't want it
                }
            }
        }
        maybeSendMoreRevs();
    }

    /** The peer's status for one offered revision (a proposeChanges entry, or a numeric changes entry). */
    private void onAnswer(RevToSend rev, int status, String serverRevId) {
        if (status == ReplWire.STATUS_OK) {
            rev.noConflicts = true;
            revQueue.add(rev);
        } else if (status == ReplWire.STATUS_NOT_MODIFIED) {
            finish(rev, true, true); // the peer has it already
        } else if (status == ReplWire.STATUS_CONFLICT && !passive && rev.rebaseOnServerRevision(db, serverRevId)) {
            sendChangeList(List.of(rev));
        } else if (status == ReplWire.STATUS_CONFLICT) {
            LOG.info("{} conflicts with the peer's revision {}", rev, serverRevId);
            ended(rev, new C4Exception(ErrorDomain.WEBSOCKET, status, "conflicts with newer server revision"));
            finish(rev, true, false);
        } else {
            LOG.warn("{} rejected by the peer with status {}", rev, status);
            ended(rev, new C4Exception(ErrorDomain.WEBSOCKET, status, "rejected by server"));
            finish(rev, true, false);
        }
    }

    // ---- rev messages

    private void maybeSendMoreRevs() {
        while (state != State.STOPPED && !revQueue.isEmpty()
                && revsAwaitingReply < ReplTuning.MAX_REVS_AWAITING_REPLY
                && bytesAwaitingReply <= ReplTuning.MAX_REV_BYTES_AWAITING_REPLY) {
            sendRevision(revQueue.poll());
            if (revQueue.size() == ReplTuning.MAX_REVS_QUEUED - 1) {
                maybeGetMoreChanges(); // below the limit again: reading may resume
            }
        }
    }

    private void sendRevision(RevToSend rev) {
        RevSender.Built built = RevSender.build(db, rev, feed.takeSnapshot(rev), ctx.collectionIndex());
        ctx.hooks().revSent(db.spec(), rev.docId, rev.revId, built.deltaSrc(), built.bodyBytes(),
                built.error() == 0);
        if (built.error() != 0) {
            LOG.info("cannot send {}: status {}", rev, built.error());
            ctx.connection().send(built.message());
            if (built.error() == ReplWire.STATUS_GONE) {
                ledger.completed(rev.sequence); // obsolete: its successor comes later in the feed
            }
            finish(rev, false, false);
            return;
        }
        int size = built.bodyBytes();
        revsAwaitingReply++;
        bytesAwaitingReply += size;
        ctx.connection().send(built.message()).whenComplete((reply, err) -> run(() -> {
            revsAwaitingReply--;
            bytesAwaitingReply -= size;
            if (state == State.STOPPED) {
                return;
            }
            if (err != null) {
                finish(rev, false, false);
                return;
            }
            onRevReply(rev, reply, built.deltaSrc() != null);
            maybeSendMoreRevs();
        }));
    }

    private void onRevReply(RevToSend rev, IncomingMessage reply, boolean wasDelta) {
        if (!reply.isError()) {
            ended(rev, null);
            finish(rev, true, true);
            return;
        }
        C4Exception error = ReplWire.errorOf(reply);
        if (wasDelta && rev.deltaOk && RevDelta.isDeltaFailure(error)) {
            // LiteCore (CBL-986): the peer couldn't apply the delta; resend the full body at once, no new changes
            LOG.info("peer could not apply the delta of {} ({}); sending the full body", rev, error.getMessage());
            rev.deltaOk = false;
            revQueue.addFirst(rev);
            return;
        }
        RevToSend.Refusal refusal = RevToSend.Refusal.of(error, rev, passive);
        LOG.warn("peer refused {}: {}", rev, error.toString());
        ended(rev, error);
        finish(rev, refusal.completed(), false);
        if (refusal.retryLater()) {
            revsToRetry.add(rev);
        }
    }

    /** A revision is finished; offers a newer one of its document that waited for it. */
    private void finish(RevToSend rev, boolean completed, boolean synced) {
        RevToSend next = ledger.finish(rev, completed, synced);
        if (next != null && state != State.STOPPED) {
            offer(List.of(next));
        }
    }

    private void ended(RevToSend rev, C4Exception error) {
        ctx.documentEnded(new DocumentEnded(Direction.PUSH, db.spec(), rev.docId, rev.revId, rev.deleted,
                error));
    }

    // ---- status

    private boolean isBusy() {
        return state == State.BACKLOG
                || (state == State.CAUGHT_UP && feedMayHaveMore)
                || changeListsInFlight > 0
                || revsAwaitingReply > 0
                || !revQueue.isEmpty()
                || (ledger != null && !ledger.isEmpty());
    }

    private void afterEvent() {
        if (state == State.STOPPED) {
            return;
        }
        if (!revsToRetry.isEmpty() && !isBusy()) {
            LOG.info("offering again {} revisions the peer refused with 403", revsToRetry.size());
            revsToRetry.forEach(ledger::readmit);
            sendChangeList(new ArrayList<>(revsToRetry));
            revsToRetry.clear();
        }
        boolean busy = isBusy();
        if (state == State.CAUGHT_UP && !continuous && !passive && !busy) {
            moveTo(State.STOPPED); // one-shot push done: feed read and every revision answered
            return;
        }
        if (!busy) {
            marks.flush(); // idle: commit the remote markers collected (a busy pusher commits them in batches)
        }
        report();
    }

    private void report() {
        Activity activity = state == State.STOPPED ? Activity.STOPPED : isBusy() ? Activity.BUSY : Activity.IDLE;
        WorkerStatus now = ledger == null ? new WorkerStatus(activity, 0, 0)
                : new WorkerStatus(activity, ledger.completedDocs(), ledger.totalDocs());
        if (!now.equals(reported)) {
            reported = now;
            ctx.workerStatus(Direction.PUSH, now);
        }
    }
}
